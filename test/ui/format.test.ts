// Sizes and timers as Docker prints them.
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../src/ui/format-bytes.js';
import { formatElapsed } from '../../src/ui/format-elapsed.js';

describe('formatBytes', () => {
  it.each([
    [0, '0B'],
    [999, '999B'],
    [1000, '1kB'],
    [1500, '1.5kB'],
    [12_345_678, '12.35MB'],
    [3_000_000_000, '3GB'],
  ])('%d bytes → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('formatElapsed', () => {
  it.each([
    [0, '0.0s'],
    [149, '0.1s'],
    [1250, '1.3s'],
    [-5, '0.0s'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });
});
