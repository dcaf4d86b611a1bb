/**
 * A person who already finished KYC in the emulator, so the signing demo needs no camera. Enrolled
 * once through the token endpoint, as `<emzano-kyc>` would, so the demo's user is bound to them
 * and may ask for their tokens later.
 */
export async function demoUserId(): Promise<string> {
  const person = { nationalCode: '0070947120', phoneNumber: '09350000000' };
  await fetch('/__emulator/users', { method: 'POST', body: JSON.stringify({ ...person, infoInquiry: true, faceRecognition: true }) });
  const response = await fetch('/api/emzano/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(person),
  });
  return ((await response.json()) as { userId: string }).userId;
}
