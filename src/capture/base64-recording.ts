/**
 * A recording's base64, made while it is recorded: each chunk MediaRecorder hands over is encoded
 * as it arrives (the 0–2 bytes that do not make a whole base64 group carried to the next), so at
 * Stop only the last chunk is left to do. For a provider that takes the video as base64 inside a
 * JSON body (Dipar): the upload can start at once, whatever the video's length.
 */
import { bytesToBase64 } from '../core/base64.js';

export class Base64Recording {
  /** The encoded parts so far, each a Blob of base64 text (made in the background, off the Send path). */
  private readonly parts: Blob[] = [];
  private carry = new Uint8Array(0);
  private work: Promise<void> = Promise.resolve();
  private failed: unknown;

  /** Queues a chunk (in order); its encoding runs in the background. */
  add(chunk: Blob): void {
    this.work = this.work.then(async () => {
      if (this.failed) return;
      try {
        const bytes = concat(this.carry, new Uint8Array(await chunk.arrayBuffer()));
        const whole = bytes.length - (bytes.length % 3);
        this.carry = bytes.slice(whole);
        if (whole > 0) this.parts.push(new Blob([bytesToBase64(bytes.subarray(0, whole))]));
      } catch (error) {
        this.failed = error;
      }
    });
  }

  /** The whole recording as base64 text (a Blob), once every chunk added is encoded. */
  async finish(): Promise<Blob> {
    await this.work;
    if (this.failed) throw this.failed;
    const tail = this.carry.length ? [bytesToBase64(this.carry)] : [];
    return new Blob([...this.parts, ...tail], { type: 'text/plain' });
  }
}

function concat(first: Uint8Array, second: Uint8Array): Uint8Array {
  if (first.length === 0) return second;
  const joined = new Uint8Array(first.length + second.length);
  joined.set(first);
  joined.set(second, first.length);
  return joined;
}
