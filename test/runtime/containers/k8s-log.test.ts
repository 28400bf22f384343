import { describe, expect, it } from 'vitest';
import { K8sLogDecoder, parseK8sLogLine, toUtc } from '../../../runtime/containers/k8s-log.js';

const decode = (chunks: string[]) => {
  const decoder = new K8sLogDecoder();
  const entries = chunks.flatMap((chunk) => decoder.push(Buffer.from(chunk)));
  return [...entries, ...decoder.flush()].map((entry) => ({
    stream: entry.stream,
    data: entry.data.toString(),
    time: entry.time,
  }));
};

describe('conmon k8s-file lines', () => {
  it.each([
    {
      name: 'a full stdout line',
      line: '2024-05-01T10:00:00.123456789+00:00 stdout F hello',
      expected: { time: '2024-05-01T10:00:00.123456789Z', stream: 'stdout', partial: false, data: 'hello' },
    },
    {
      name: 'an empty line',
      line: '2024-05-01T10:00:00.1Z stderr F',
      expected: { stream: 'stderr', data: '' },
    },
    {
      name: 'spaces kept in the content',
      line: '2024-05-01T10:00:00Z stdout P  a  b ',
      expected: { partial: true, data: ' a  b ' },
    },
    {
      name: 'a zone offset moved to UTC',
      line: '2024-05-01T12:00:00.5+02:00 stdout F x',
      expected: { time: '2024-05-01T10:00:00.5Z' },
    },
  ])('$name', ({ line, expected }) => {
    const parsed = parseK8sLogLine(Buffer.from(line));
    expect(parsed && { ...parsed, data: parsed.data.toString() }).toMatchObject(expected);
  });

  it.each([
    'garbage',
    '2024-05-01T10:00:00Z stdin F x',
    '2024-05-01T10:00:00Z stdout X x',
    'yesterday stdout F x',
  ])('ignores %j', (line) => {
    expect(parseK8sLogLine(Buffer.from(line))).toBeUndefined();
  });

  it('toUtc keeps all nine fraction digits', () => {
    expect(toUtc('2024-12-31T23:59:59.999999999-01:00')).toBe('2025-01-01T00:59:59.999999999Z');
  });
});

describe('K8sLogDecoder', () => {
  it('joins partial pieces into the line they came from, with the first piece time', () => {
    expect(
      decode([
        '2024-05-01T10:00:00Z stdout P abc\n',
        '2024-05-01T10:00:01Z stdout P def\n2024-05-01T10:00:02Z stdout F ghi\n',
        '2024-05-01T10:00:03Z stderr F oops\n',
      ]),
    ).toEqual([
      { stream: 'stdout', data: 'abcdefghi\n', time: '2024-05-01T10:00:00Z' },
      { stream: 'stderr', data: 'oops\n', time: '2024-05-01T10:00:03Z' },
    ]);
  });

  it('keeps an unfinished line for the next chunk', () => {
    expect(decode(['2024-05-01T10:00:00Z std', 'out F split\n'])).toEqual([
      { stream: 'stdout', data: 'split\n', time: '2024-05-01T10:00:00Z' },
    ]);
  });

  it('flush gives a trailing piece without a newline (a prompt)', () => {
    expect(decode(['2024-05-01T10:00:00Z stdout P > '])).toEqual([]);
    expect(decode(['2024-05-01T10:00:00Z stdout P > \n'])).toEqual([
      { stream: 'stdout', data: '> ', time: '2024-05-01T10:00:00Z' },
    ]);
  });

  it('passes bytes that are not UTF-8 through unchanged', () => {
    const decoder = new K8sLogDecoder();
    const [entry] = decoder.push(
      Buffer.concat([
        Buffer.from('2024-05-01T10:00:00Z stdout F '),
        Buffer.from([0xff, 0x00, 0xfe]),
        Buffer.from('\n'),
      ]),
    );
    expect([...(entry?.data ?? [])]).toEqual([0xff, 0x00, 0xfe, 0x0a]);
  });
});
