/** Docker's reading of query parameters: booleans, integers, filters, timestamps. */
import { describe, expect, it } from 'vitest';
import { readBool, readFilters, readInt, readTimestamp } from '../../../runtime/api/query.js';

const q = (text: string) => new URLSearchParams(text);

describe('readBool', () => {
  it.each([
    { query: 'all=1', expected: true },
    { query: 'all=true', expected: true },
    { query: 'all=True', expected: true },
    { query: 'all=yes', expected: true },
    { query: 'all=0', expected: false },
    { query: 'all=false', expected: false },
    { query: 'all=no', expected: false },
    { query: 'all=none', expected: false },
    { query: 'all=', expected: false },
    { query: '', expected: false },
  ])('$query → $expected', ({ query, expected }) => {
    expect(readBool(q(query), 'all')).toBe(expected);
  });
});

describe('readInt', () => {
  it.each([
    { query: 't=10', expected: 10 },
    { query: 't=-1', expected: -1 },
    { query: 't=', expected: undefined },
    { query: '', expected: undefined },
  ])('$query → $expected', ({ query, expected }) => {
    expect(readInt(q(query), 't')).toBe(expected);
  });

  it('refuses a non-integer with a 400', () => {
    expect(() => readInt(q('t=ten'), 't')).toThrow(expect.objectContaining({ statusCode: 400 }));
  });
});

describe('readFilters', () => {
  it.each([
    { name: 'none', query: '', expected: {} },
    {
      name: 'the list form',
      query: `filters=${encodeURIComponent('{"label":["a=b","c"]}')}`,
      expected: { label: ['a=b', 'c'] },
    },
    {
      name: 'the map form the docker CLI sends',
      query: `filters=${encodeURIComponent('{"status":{"running":true,"exited":true},"x":{"no":false}}')}`,
      expected: { status: ['running', 'exited'], x: [] },
    },
  ])('reads $name', ({ query, expected }) => {
    expect(readFilters(q(query))).toEqual(expected);
  });

  it.each([
    { name: 'malformed JSON', query: 'filters={' },
    { name: 'a list at the top', query: 'filters=[]' },
    { name: 'a number as values', query: `filters=${encodeURIComponent('{"label":3}')}` },
  ])('refuses $name with a 400', ({ query }) => {
    expect(() => readFilters(q(query))).toThrow(expect.objectContaining({ statusCode: 400 }));
  });
});

describe('readTimestamp', () => {
  it.each([
    { value: '1700000000', expected: 1_700_000_000_000_000_000n },
    { value: '1700000000.5', expected: 1_700_000_000_500_000_000n },
    { value: '1700000000.000000001', expected: 1_700_000_000_000_000_001n },
    { value: '2023-11-14T22:13:20Z', expected: 1_700_000_000_000_000_000n },
  ])('$value → $expected', ({ value, expected }) => {
    expect(readTimestamp(q(`since=${value}`), 'since')).toBe(expected);
  });

  it('refuses a date it cannot read', () => {
    expect(() => readTimestamp(q('since=yesterday'), 'since')).toThrow(
      expect.objectContaining({ statusCode: 400 }),
    );
  });
});
