// Reading the engine's log answers: frames cut anywhere, lines cut anywhere, timestamps and resumes.
import { describe, expect, it } from 'vitest';
import { parseGoDuration, toEngineTimestamp } from '../../src/engine/logs/engine-timestamp.js';
import { FrameDecoder } from '../../src/engine/logs/frame-decoder.js';
import { LineBuffer } from '../../src/engine/logs/line-buffer.js';
import { LogCursor, splitTimestamp } from '../../src/engine/logs/log-cursor.js';

function frame(stream: number, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe('FrameDecoder', () => {
  it('decodes frames split at every possible byte', () => {
    const bytes = Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n'), frame(1, '')]);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const decoder = new FrameDecoder();
      const frames = [...decoder.push(bytes.subarray(0, cut)), ...decoder.push(bytes.subarray(cut))];
      expect(frames.map((f) => [f.stream, f.payload.toString()])).toEqual([
        ['stdout', 'out\n'],
        ['stderr', 'err\n'],
        ['stdout', ''],
      ]);
      expect(decoder.leftover).toBe(0);
    }
  });

  it('keeps an unfinished frame and says so', () => {
    const decoder = new FrameDecoder();
    expect(decoder.push(frame(1, 'abcdef').subarray(0, 10))).toEqual([]);
    expect(decoder.leftover).toBe(10);
  });

  it('refuses an unknown stream byte', () => {
    expect(() => new FrameDecoder().push(frame(7, 'x'))).toThrow(/unknown stream 7/);
  });
});

describe('LineBuffer', () => {
  it('joins pieces of a line and splits several lines of one chunk', () => {
    const lines = new LineBuffer();
    expect(lines.push(Buffer.from('hel'))).toEqual([]);
    expect(lines.push(Buffer.from('lo\nwor'))).toEqual(['hello']);
    expect(lines.push(Buffer.from('ld\n\nlast'))).toEqual(['world', '']);
    expect(lines.flush()).toEqual(['last']);
    expect(lines.flush()).toEqual([]);
  });

  it('keeps a UTF-8 character split between chunks whole, and drops a TTY carriage return', () => {
    const bytes = Buffer.from('né\r\n');
    const lines = new LineBuffer();
    expect(lines.push(bytes.subarray(0, 2))).toEqual([]);
    expect(lines.push(bytes.subarray(2))).toEqual(['né']);
  });
});

describe('toEngineTimestamp', () => {
  const now = new Date(Date.UTC(2024, 4, 1, 12, 0, 0));
  const nowSeconds = now.getTime() / 1000;
  it.each([
    { input: '10m', expected: String(nowSeconds - 600) },
    { input: '1h30m', expected: String(nowSeconds - 5400) },
    { input: '1.5s', expected: String(Math.floor(nowSeconds - 1.5)) },
    { input: '1714564800', expected: '1714564800' },
    { input: '1714564800.5', expected: '1714564800.5' },
    { input: '2024-05-01T10:00:00Z', expected: '1714557600.000000000' },
    { input: '2024-05-01T10:00:00.25+02:00', expected: '1714550400.250000000' },
    { input: '2024-05-01T10:00:00.123456789Z', expected: '1714557600.123456789' },
  ])('$input → $expected', ({ input, expected }) => {
    expect(toEngineTimestamp(input, now)).toBe(expected);
  });

  it('reads a time without zone as local time, as the docker CLI does', () => {
    const local = new Date(2024, 4, 1, 10, 0, 0).getTime() / 1000;
    expect(toEngineTimestamp('2024-05-01T10:00:00', now)).toBe(`${local}.000000000`);
    expect(toEngineTimestamp('2024-05-01', now)).toBe(`${new Date(2024, 4, 1).getTime() / 1000}.000000000`);
  });

  it('rejects what is neither a time nor a duration', () => {
    expect(() => toEngineTimestamp('yesterday', now)).toThrow(
      'failed to parse value as time or duration: "yesterday"',
    );
  });

  it('parses Go durations', () => {
    expect(parseGoDuration('300ms')).toBe(300);
    expect(parseGoDuration('-2m')).toBe(-120_000);
    expect(parseGoDuration('2d')).toBeUndefined();
  });
});

describe('LogCursor', () => {
  const at = (nanos: string, text: string) => `2024-05-01T10:00:00.${nanos}Z ${text}`;

  it('strips timestamps unless -t asked for them', () => {
    expect(new LogCursor(false).accept([at('000000001', 'a'), 'no stamp'])).toEqual(['a', 'no stamp']);
    expect(new LogCursor(true).accept([at('000000001', 'a')])).toEqual([at('000000001', 'a')]);
  });

  it('resumes after the last line printed, skipping what a new stream repeats', () => {
    const cursor = new LogCursor(false);
    cursor.accept([at('000000001', 'one'), at('000000002', 'two'), at('000000002', 'two again')]);
    expect(cursor.resume()).toBe('1714557600.000000002');
    // The engine's `since` includes the last time: both lines at it come back, and are skipped.
    expect(
      cursor.accept([at('000000002', 'two'), at('000000002', 'two again'), at('000000003', 'three')]),
    ).toEqual(['three']);
  });

  it('reads RFC 3339 times with a zone offset', () => {
    expect(splitTimestamp('2024-05-01T12:00:00+02:00 x')).toEqual({ time: 1714557600000000000n, text: 'x' });
    expect(splitTimestamp('plain line')).toBeUndefined();
  });
});
