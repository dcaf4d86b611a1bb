// Your records of who each signed-in user is. The national code and mobile are what Emzano
// verified (`kit.verifyKyc`); the names are your own: they go into the certificate.
const RECORDS = {
  'quickstart-user': {
    Name: 'سارا',
    LastName: 'احمدی',
    EnName: 'Sara',
    EnLastName: 'Ahmadi',
    FatherName: 'حسن',
    IsMan: false,
    BirthDate: '1370/01/01',
  },
};

/** The CA's personData for `subject`, or undefined (the certificate endpoint answers 403 identity-missing). */
export function person(subject, { verified, identity }) {
  const record = RECORDS[subject];
  if (!verified || !identity || !record) return undefined;
  return { ...record, NationalCode: identity.nationalCode, Telephone: identity.phoneNumber };
}

/** The claims Dipar's request token carries for `subject` (its broker checks the person against them). */
export function diparClaims(subject, typed) {
  const record = RECORDS[subject];
  return record && { nationalCode: typed.nationalCode, mobile: typed.mobile, firstName: record.Name, lastName: record.LastName };
}
