// The three mapping flavours of compose-go's types (mapping.go, labels.go, options.go):
// types_test.go TestNewMapping, labels_test.go TestDecodeLabel, loader/mapstructure_test.go.
import { describe, expect, it } from 'vitest';
import {
  parseKeyValueList,
  parseMappingWithEquals,
  parseMultiOptions,
  parseOptions,
  parseStringMapping,
} from '../../src/compose/parse-mapping.js';

describe('parseMappingWithEquals', () => {
  it.each([
    { input: ['FOO=BAR', 'ZOT=', 'QIX'], expected: { FOO: 'BAR', ZOT: '', QIX: null } },
    { input: ['A=b=c', 'A=last'], expected: { A: 'last' } },
    { input: [42, 'X=1'], expected: { '42': null, X: '1' } },
    {
      input: { FOO: 'BAR', BAZ: null, QIX: 2, ZOT: true },
      expected: { FOO: 'BAR', BAZ: null, QIX: '2', ZOT: 'true' },
    },
    { input: ['__proto__=x'], expected: JSON.parse('{"__proto__":"x"}') as Record<string, string> },
  ])('$input', ({ input, expected }) => {
    expect(parseMappingWithEquals(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    { input: ['DEBUG = true'], error: 'environment variable DEBUG  is declared with a trailing space' },
    { input: 'FOO=1', error: 'unexpected value type string for mapping' },
  ])('refuses $input', ({ input, error }) => {
    expect(parseMappingWithEquals(input)).toEqual({ ok: false, error });
  });
});

describe('parseStringMapping', () => {
  it.each([
    { input: ['a=b', 'c'], expected: { a: 'b', c: '' } },
    { input: ['FOO=BAR', 'ZOT=', 'QIX'], expected: { FOO: 'BAR', ZOT: '', QIX: '' } },
    {
      input: { FOO: 'BAR', BAZ: null, QIX: 2, ZOT: true },
      expected: { FOO: 'BAR', BAZ: '', QIX: '2', ZOT: 'true' },
    },
  ])('$input', ({ input, expected }) => {
    expect(parseStringMapping(input)).toEqual({ ok: true, value: expected });
  });
});

describe('options', () => {
  it('stringifies option values', () => {
    expect(parseOptions({ a: 1, b: null, c: 'x' })).toEqual({ ok: true, value: { a: '1', b: '', c: 'x' } });
    expect(parseOptions(['a=1'])).toEqual({ ok: false, error: 'invalid type []interface {} for options' });
  });

  it('lets provider options repeat', () => {
    expect(parseMultiOptions({ a: [1, true], b: 'x' })).toEqual({
      ok: true,
      value: { a: ['1', 'true'], b: ['x'] },
    });
  });

  it('needs key=value in additional contexts', () => {
    expect(parseKeyValueList(['a=b', 'c=d=e'])).toEqual({ ok: true, value: { a: 'b', c: 'd=e' } });
    expect(parseKeyValueList(['a'])).toEqual({ ok: false, error: 'invalid value a, expected key=value' });
  });
});
