/**
 * Base64 ↔ bytes, the one place the browser code converts (Node's Buffer is not there). Uses the
 * engine's own `Uint8Array.prototype.toBase64` / `fromBase64` where it has them (fast even for a
 * 25 MB document), else a chunked `btoa`/`atob`.
 */

interface NativeBase64 {
  toBase64?: () => string;
}
interface NativeFromBase64 {
  fromBase64?: (text: string) => Uint8Array<ArrayBuffer>;
}

export function bytesToBase64(bytes: Uint8Array): string {
  const native = (bytes as NativeBase64).toBase64;
  if (native) return native.call(bytes);
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** Whitespace and a `data:…;base64,` prefix are ignored. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const text = base64.slice(base64.indexOf(',') + 1).replace(/\s+/g, '');
  const native = (Uint8Array as NativeFromBase64).fromBase64;
  if (native) return native(text);
  const binary = atob(text);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
