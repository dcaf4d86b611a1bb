/**
 * The phone's link as a QR code, drawn here (uqr encodes it; nothing is sent to a QR service) as
 * one SVG path of its dark modules, with the quiet zone the standard asks for so any phone
 * camera reads it. Medium error correction: a smudged or glare-struck screen still scans.
 */
import { html } from 'lit';
import { encode } from 'uqr';

const QUIET_ZONE = 4;

export function renderQrCode(text: string, label: string) {
  const { data } = encode(text, { ecc: 'M', border: QUIET_ZONE });
  const size = data.length;
  let path = '';
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    }),
  );
  return html`<svg part="handoff-qr" role="img" aria-label=${label} viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">
    <rect width=${size} height=${size} fill="#fff"></rect>
    <path d=${path} fill="#000"></path>
  </svg>`;
}
