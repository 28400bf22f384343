/** Docker's 8-byte stream multiplexing header, both ways. */
import { describe, expect, it } from 'vitest';
import { decodeFrames, encodeFrame, type FrameStream } from '../../../runtime/api/stream-frame.js';

describe('encodeFrame', () => {
  it.each([
    { stream: 'stdin', payload: 'x', header: [0, 0, 0, 0, 0, 0, 0, 1] },
    { stream: 'stdout', payload: 'hello\n', header: [1, 0, 0, 0, 0, 0, 0, 6] },
    { stream: 'stderr', payload: '', header: [2, 0, 0, 0, 0, 0, 0, 0] },
    { stream: 'system', payload: 'a'.repeat(300), header: [3, 0, 0, 0, 0, 0, 1, 44] },
  ] as { stream: FrameStream; payload: string; header: number[] }[])(
    '$stream with $payload.length bytes',
    ({ stream, payload, header }) => {
      const frame = encodeFrame(stream, Buffer.from(payload));
      expect([...frame.subarray(0, 8)]).toEqual(header);
      expect(frame.subarray(8).toString()).toBe(payload);
    },
  );

  it('writes sizes past 16 bits big-endian', () => {
    const frame = encodeFrame('stdout', Buffer.alloc(0x012345));
    expect([...frame.subarray(4, 8)]).toEqual([0, 0x01, 0x23, 0x45]);
  });
});

describe('decodeFrames', () => {
  it('reads back what was encoded, in order', () => {
    const buffer = Buffer.concat([
      encodeFrame('stdout', Buffer.from('one\n')),
      encodeFrame('stderr', Buffer.from('two\n')),
      encodeFrame('stdout', Buffer.from('')),
    ]);
    expect(decodeFrames(buffer).map(({ stream, payload }) => [stream, payload.toString()])).toEqual([
      ['stdout', 'one\n'],
      ['stderr', 'two\n'],
      ['stdout', ''],
    ]);
  });

  it.each([
    { name: 'a truncated header', buffer: Buffer.from([1, 0, 0]), error: 'truncated frame header' },
    {
      name: 'a truncated payload',
      buffer: Buffer.from([1, 0, 0, 0, 0, 0, 0, 5, 65]),
      error: 'truncated frame',
    },
    { name: 'an unknown stream', buffer: Buffer.from([9, 0, 0, 0, 0, 0, 0, 0]), error: 'unknown stream 9' },
  ])('refuses $name', ({ buffer, error }) => {
    expect(() => decodeFrames(buffer)).toThrow(error);
  });
});
