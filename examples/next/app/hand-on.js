'use client';
import { useEffect } from 'react';

/** When the person finishes KYC, the signing element takes over their session. */
export function HandOn({ from, to }) {
  useEffect(() => {
    const kyc = document.getElementById(from);
    const handOn = (event) => (document.getElementById(to).session = event.detail.session);
    kyc.addEventListener('emzano-complete', handOn);
    return () => kyc.removeEventListener('emzano-complete', handOn);
  }, [from, to]);
  return null;
}
