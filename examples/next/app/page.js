import { HandOn } from './hand-on.js';

export default function Page() {
  return (
    <main>
      <emzano-kyc id="kyc" token-endpoint="/api/emzano/token" certificate="issue" lang="en"></emzano-kyc>
      <emzano-sign-pdf id="sign" src="/sample-contract.pdf" lang="en"></emzano-sign-pdf>
      <HandOn from="kyc" to="sign" />
    </main>
  );
}
