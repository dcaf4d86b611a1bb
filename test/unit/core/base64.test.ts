import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { base64ToBytes, bytesToBase64 } from '../../../src/core/base64.js';

describe('base64', () => {
  it('round-trips bytes larger than one chunk, as Node encodes them', () => {
    const bytes = new Uint8Array(randomBytes(100_003));
    const text = bytesToBase64(bytes);
    assert.equal(text, Buffer.from(bytes).toString('base64'));
    assert.deepEqual(base64ToBytes(text), bytes);
  });

  it('reads a data URL and ignores line breaks', () => {
    assert.deepEqual([...base64ToBytes('data:image/png;base64,AAEC\n/w==')], [0, 1, 2, 255]);
  });

  it("uses the engine's own encoder and decoder where it has them", () => {
    const proto = Uint8Array.prototype as { toBase64?: () => string };
    const ctor = Uint8Array as { fromBase64?: (text: string) => Uint8Array };
    const had = { to: proto.toBase64, from: ctor.fromBase64 };
    const calls: string[] = [];
    proto.toBase64 = function (this: Uint8Array) {
      calls.push('to');
      return Buffer.from(this).toString('base64');
    };
    ctor.fromBase64 = (text: string) => {
      calls.push(`from:${text}`);
      return new Uint8Array(Buffer.from(text, 'base64'));
    };
    try {
      assert.equal(bytesToBase64(new Uint8Array([1, 2, 3])), 'AQID');
      assert.deepEqual([...base64ToBytes('data:x;base64,AQ ID')], [1, 2, 3]);
      assert.deepEqual(calls, ['to', 'from:AQID']);
    } finally {
      proto.toBase64 = had.to;
      ctor.fromBase64 = had.from;
    }
  });
});
