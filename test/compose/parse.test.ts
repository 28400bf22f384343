import { describe, expect, it } from 'vitest';
import { ComposeFileError } from '../../src/compose/errors.js';
import { parseComposeYaml } from '../../src/compose/parse.js';
import { locate } from '../../src/compose/source-map.js';

const parseOne = (text: string) => {
  const [document] = parseComposeYaml('compose.yaml', text);
  return document!;
};

describe('parseComposeYaml', () => {
  it.each([
    {
      name: 'anchors and aliases expand',
      input: 'x: &a {k: v}\ny: *a\n',
      expected: { x: { k: 'v' }, y: { k: 'v' } },
    },
    {
      name: 'merge keys: explicit keys win',
      input: 'base: &b {a: 1, b: 2}\nsvc:\n  <<: *b\n  b: 3\n',
      expected: { base: { a: 1, b: 2 }, svc: { a: 1, b: 3 } },
    },
    {
      name: 'merge key with a list of maps, earlier wins',
      input: 'a: &a {k: 1}\nb: &b {k: 2, j: 2}\nc:\n  <<: [*a, *b]\n',
      expected: { a: { k: 1 }, b: { k: 2, j: 2 }, c: { k: 1, j: 2 } },
    },
    {
      name: 'YAML 1.2: yes and on stay strings',
      input: 'a: yes\nb: on\nc: true\n',
      expected: { a: 'yes', b: 'on', c: true },
    },
    { name: 'empty value is null', input: 'services:\n  web:\n', expected: { services: { web: null } } },
    {
      name: 'leading-zero integers are octal, as in Go',
      input: 'mode: 0400\nq: "0400"\n',
      expected: { mode: 256, q: '0400' },
    },
    {
      name: 'a merge key may alias a list of mappings',
      input: 'l: &l [{a: 1}, {a: 2, b: 2}]\nm:\n  <<: *l\n',
      expected: { l: [{ a: 1 }, { a: 2, b: 2 }], m: { a: 1, b: 2 } },
    },
  ])('$name', ({ input, expected }) => {
    expect(parseOne(input).tree).toEqual(expected);
  });

  it('records positions of keys, 1-based', () => {
    const doc = parseOne('services:\n  web:\n    image: nginx\n    ports:\n      - "80:80"\n');
    expect(locate(doc.source, ['services', 'web', 'image'])).toEqual({
      file: 'compose.yaml',
      line: 3,
      column: 5,
    });
    expect(locate(doc.source, ['services', 'web', 'ports', 0])).toEqual({
      file: 'compose.yaml',
      line: 5,
      column: 9,
    });
  });

  it('falls back to the nearest known ancestor', () => {
    const doc = parseOne('services:\n  web:\n    image: nginx\n');
    expect(locate(doc.source, ['services', 'web', 'ports', 3])).toEqual({
      file: 'compose.yaml',
      line: 2,
      column: 3,
    });
  });

  it('removes !reset values and records !reset and !override paths', () => {
    const doc = parseOne('services:\n  web:\n    ports: !reset []\n    environment: !override {A: b}\n');
    expect(doc.tree).toEqual({ services: { web: { environment: { A: 'b' } } } });
    expect(doc.resets).toEqual([
      ['services', 'web', 'ports'],
      ['services', 'web', 'environment'],
    ]);
  });

  it.each([
    { input: '123: x\n', message: 'non-string key at top level: 123' },
    { input: 'services:\n  true: {}\n', message: 'non-string key in services: true' },
    { input: 'a:\n  - b:\n      1: x\n', message: 'non-string key in a[0].b: 1' },
  ])('refuses the non-string key of $input', ({ input, message }) => {
    expect(() => parseComposeYaml('compose.yaml', input)).toThrow(message);
  });

  it('keeps a key named __proto__ as data', () => {
    const tree = parseOne('labels:\n  __proto__: x\n').tree as { labels: Record<string, unknown> };
    expect(Object.keys(tree.labels)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(tree.labels)).toBe(Object.prototype);
  });

  it('returns each document of a stream', () => {
    expect(parseComposeYaml('f', 'a: 1\n---\nb: 2\n').map((d) => d.tree)).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it.each([
    {
      name: 'duplicate keys',
      input: 'a: 1\na: 2\n',
      line: 2,
      column: 1,
      message: /"a" already defined at line 1/,
    },
    {
      name: 'bad indentation',
      input: 'services:\n  web:\n image: x\n  x: y\n',
      line: 2,
      column: 7,
      message: /same column/,
    },
    { name: 'unclosed quote', input: 'a: "x\n', line: 2, column: 1, message: /closing "quote/ },
  ])('reports $name with a position', ({ input, line, column, message }) => {
    try {
      parseComposeYaml('compose.yaml', input);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ComposeFileError);
      const e = error as ComposeFileError;
      expect(e.file).toBe('compose.yaml');
      expect([e.line, e.column]).toEqual([line, column]);
      expect(e.message).toMatch(message);
    }
  });

  it('stops an alias bomb with a clean error', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) {
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    }
    expect(() => parseComposeYaml('bomb.yaml', lines.join('\n'))).toThrow(/alias bomb/);
  });
});
