// Durations as compose-go reads them (go-str2duration v2.1.0, whose table follows Go's
// time.ParseDuration tests) and prints them (Go's time.Duration.String()).
import { describe, expect, it } from 'vitest';
import { canonicalDuration, formatDuration, parseDuration } from '../../src/compose/parse-duration.js';

const S = 1_000_000_000n;

describe('parseDuration', () => {
  it.each([
    // simple
    { text: '0', expected: 0n },
    { text: '5s', expected: 5n * S },
    { text: '30s', expected: 30n * S },
    { text: '1478s', expected: 1478n * S },
    // sign
    { text: '-5s', expected: -5n * S },
    { text: '+5s', expected: 5n * S },
    { text: '-0', expected: 0n },
    { text: '+0', expected: 0n },
    // decimal
    { text: '5.0s', expected: 5n * S },
    { text: '5.6s', expected: 5n * S + 600_000_000n },
    { text: '5.s', expected: 5n * S },
    { text: '.5s', expected: 500_000_000n },
    { text: '1.0s', expected: S },
    { text: '1.00s', expected: S },
    { text: '1.004s', expected: S + 4_000_000n },
    { text: '1.0040s', expected: S + 4_000_000n },
    { text: '100.00100s', expected: 100n * S + 1_000_000n },
    // units
    { text: '10ns', expected: 10n },
    { text: '11us', expected: 11_000n },
    { text: '12µs', expected: 12_000n },
    { text: '12μs', expected: 12_000n },
    { text: '13ms', expected: 13_000_000n },
    { text: '14s', expected: 14n * S },
    { text: '15m', expected: 15n * 60n * S },
    { text: '16h', expected: 16n * 3600n * S },
    { text: '1d', expected: 24n * 3600n * S },
    { text: '1w', expected: 7n * 24n * 3600n * S },
    // composite
    { text: '3h30m', expected: (3n * 60n + 30n) * 60n * S },
    { text: '10.5s4m', expected: 4n * 60n * S + 10n * S + 500_000_000n },
    { text: '-2m3.4s', expected: -(2n * 60n * S + 3n * S + 400_000_000n) },
    { text: '1h2m3s4ms5us6ns', expected: 3600n * S + 120n * S + 3n * S + 4_000_000n + 5_000n + 6n },
    { text: '39h9m14.425s', expected: (39n * 3600n + 9n * 60n + 14n) * S + 425_000_000n },
    { text: '1d12h', expected: 36n * 3600n * S },
    // large value
    { text: '52763797000ns', expected: 52_763_797_000n },
    { text: '0.3333333333333333333h', expected: 20n * 60n * S },
    { text: '9223372036854775807ns', expected: 9_223_372_036_854_775_807n },
  ])('$text', ({ text, expected }) => {
    expect(parseDuration(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    { text: '', error: 'time: invalid duration ""' },
    { text: '3', error: 'time: missing unit in duration "3"' },
    { text: '-', error: 'time: invalid duration "-"' },
    { text: 's', error: 'time: invalid duration "s"' },
    { text: '.', error: 'time: invalid duration "."' },
    { text: '-.', error: 'time: invalid duration "-."' },
    { text: '.s', error: 'time: invalid duration ".s"' },
    { text: '+.s', error: 'time: invalid duration "+.s"' },
    { text: '1y', error: 'time: unknown unit "y" in duration "1y"' },
    { text: '10 s', error: 'time: unknown unit " s" in duration "10 s"' },
    { text: '9223372036854775808ns', error: 'time: invalid duration "9223372036854775808ns"' },
  ])('refuses $text', ({ text, error }) => {
    expect(parseDuration(text)).toEqual({ ok: false, error });
  });
});

describe('formatDuration', () => {
  it.each([
    { nanoseconds: 0n, expected: '0s' },
    { nanoseconds: 1n, expected: '1ns' },
    { nanoseconds: 1100n, expected: '1.1µs' },
    { nanoseconds: 2_200_000n, expected: '2.2ms' },
    { nanoseconds: 3_300_000_000n, expected: '3.3s' },
    { nanoseconds: 4n * 60n * S + 5n * S, expected: '4m5s' },
    { nanoseconds: 4n * 60n * S + 5_001_000_000n, expected: '4m5.001s' },
    { nanoseconds: 5n * 3600n * S + 6n * 60n * S + 7_001_000_000n, expected: '5h6m7.001s' },
    { nanoseconds: 8n * 60n * S + 1n, expected: '8m0.000000001s' },
    { nanoseconds: 9_223_372_036_854_775_807n, expected: '2562047h47m16.854775807s' },
    { nanoseconds: -9_223_372_036_854_775_808n, expected: '-2562047h47m16.854775808s' },
    { nanoseconds: 3600n * S, expected: '1h0m0s' },
    { nanoseconds: 90n * S, expected: '1m30s' },
    { nanoseconds: 500_000_000n, expected: '500ms' },
  ])('$expected', ({ nanoseconds, expected }) => {
    expect(formatDuration(nanoseconds)).toBe(expected);
  });
});

describe('canonicalDuration', () => {
  it.each([
    { value: '10s', expected: '10s' },
    { value: '90s', expected: '1m30s' },
    { value: '1h', expected: '1h0m0s' },
    { value: '60s', expected: '1m0s' },
    { value: '120s', expected: '2m0s' },
    { value: '1m30s', expected: '1m30s' },
    { value: '1500ms', expected: '1.5s' },
    { value: '2d', expected: '48h0m0s' },
    { value: 0, expected: '0s' },
    { value: '0', expected: '0s' },
  ])('$value prints as $expected', ({ value, expected }) => {
    expect(canonicalDuration(value)).toEqual({ ok: true, value: expected });
  });

  it.each([
    { value: 10, error: 'time: missing unit in duration "10"' },
    { value: 'soon', error: 'time: invalid duration "soon"' },
    { value: true, error: 'invalid duration: expected a string such as "10s", got true' },
  ])('refuses $value', ({ value, error }) => {
    expect(canonicalDuration(value)).toEqual({ ok: false, error });
  });
});
