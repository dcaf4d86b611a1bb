// Your records of who each signed-in user is. The national code and mobile the CA certifies are
// what Emzano verified (`kit.verifyKyc`); the names are your own: they go into the certificate.
const RECORDS = {
  'quickstart-user': {
    Name: 'سارا',
    LastName: 'احمدی',
    EnName: 'Sara',
    EnLastName: 'Ahmadi',
    FatherName: 'حسن',
    IsMan: false,
    BirthDate: '1370/01/01', // the date the person confirmed at the inquiry, as your records keep it
    nationalCode: '0499370899', // for Dipar, which starts from your records
    mobile: '09121234567',
  },
};

/** The CA's personData for `subject`, or undefined (the certificate endpoint answers 403 identity-missing). */
export function person(subject, { verified, identity }) {
  const record = RECORDS[subject];
  if (!verified || !identity || !record) return undefined;
  const { Name, LastName, EnName, EnLastName, FatherName, IsMan, BirthDate } = record;
  return {
    Name,
    LastName,
    EnName,
    EnLastName,
    FatherName,
    IsMan,
    BirthDate,
    NationalCode: identity.nationalCode,
    Telephone: identity.phoneNumber,
  };
}

/** Dipar's claims for `subject`, from your records; what the person typed must be them (else 403 identity-missing). */
export function diparClaims(subject, typed) {
  const record = RECORDS[subject];
  if (!record || typed.nationalCode !== record.nationalCode) return undefined;
  return { nationalCode: record.nationalCode, mobile: record.mobile, firstName: record.Name, lastName: record.LastName };
}
