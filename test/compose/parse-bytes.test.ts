// Byte sizes as compose-go's UnitBytes reads them: types/bytes_test.go, loader/tests
// (cpu_test.go, blkio_config_test.go, build_extra_test.go, deploy_test.go) and the
// docker/go-units v0.5.0 size_test.go table for RAMInBytes.
import { describe, expect, it } from 'vitest';
import { parseBytes, parseHumanSize } from '../../src/compose/parse-bytes.js';

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;
const TiB = 1024 * GiB;
const PiB = 1024 * TiB;

describe('parseBytes', () => {
  it.each([
    { value: 655360, expected: 655360 },
    { value: '655360', expected: 655360 },
    { value: -1, expected: -1 },
    { value: '-1', expected: -1 },
    { value: '1g', expected: GiB },
    { value: '512m', expected: 512 * MiB },
    { value: 0, expected: 0 },
    { value: '640k', expected: 640 * KiB },
    { value: '256m', expected: 256 * MiB },
    { value: '64m', expected: 64 * MiB },
    { value: '128m', expected: 128 * MiB },
    { value: '1024k', expected: MiB },
    { value: '50M', expected: 50 * MiB },
    { value: '2gb', expected: 2 * GiB },
    { value: '+5', expected: 5 },
    // compose-go's decoder has no case for floats: the size stays zero.
    { value: 1.5, expected: 0 },
  ])('$value', ({ value, expected }) => {
    expect(parseBytes(value)).toEqual({ ok: true, value: expected });
  });

  it.each([
    { value: 'lots', error: "invalid size: 'lots'" },
    { value: true, error: 'invalid size: expected a number or a string such as "512m"' },
    { value: '-1g', error: "invalid size: '-1g'" },
  ])('refuses $value', ({ value, error }) => {
    expect(parseBytes(value)).toEqual({ ok: false, error });
  });
});

describe('parseHumanSize (RAMInBytes)', () => {
  it.each([
    { text: '32', expected: 32 },
    { text: '32b', expected: 32 },
    { text: '32B', expected: 32 },
    { text: '32k', expected: 32 * KiB },
    { text: '32K', expected: 32 * KiB },
    { text: '32kb', expected: 32 * KiB },
    { text: '32Kb', expected: 32 * KiB },
    { text: '32Kib', expected: 32 * KiB },
    { text: '32KIB', expected: 32 * KiB },
    { text: '32Mb', expected: 32 * MiB },
    { text: '32Gb', expected: 32 * GiB },
    { text: '32Tb', expected: 32 * TiB },
    { text: '8Pb', expected: 8 * PiB },
    { text: '8PB', expected: 8 * PiB },
    { text: '8P', expected: 8 * PiB },
    { text: '0.3m', expected: 314572 },
    { text: '32.3', expected: 32 },
    { text: '32.3 b', expected: 32 },
    { text: '32 M', expected: 32 * MiB },
    { text: '1.5 GiB', expected: 1.5 * GiB },
    { text: '1e3', expected: 1000 },
  ])('$text', ({ text, expected }) => {
    expect(parseHumanSize(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    { text: '', error: "invalid size: ''" },
    { text: 'hello', error: "invalid size: 'hello'" },
    { text: '.', error: 'strconv.ParseFloat: parsing ".": invalid syntax' },
    { text: '. ', error: 'strconv.ParseFloat: parsing ".": invalid syntax' },
    { text: ' ', error: 'strconv.ParseFloat: parsing "": invalid syntax' },
    { text: '32m b', error: 'strconv.ParseFloat: parsing "32m": invalid syntax' },
    { text: '-32', error: "invalid size: '-32'" },
    { text: '32bm', error: "invalid suffix: 'bm'" },
    { text: '32mib ', error: 'strconv.ParseFloat: parsing "32mib": invalid syntax' },
    { text: '32Mbb', error: "invalid suffix: 'mbb'" },
    { text: '32KiBB', error: "invalid suffix: 'KiBB'" },
    { text: '32Ki', error: "invalid suffix: 'ki'" },
    { text: '32kk', error: "invalid suffix: 'kk'" },
    { text: '32x', error: "invalid suffix: 'x'" },
  ])('refuses $text', ({ text, error }) => {
    expect(parseHumanSize(text)).toEqual({ ok: false, error });
  });
});
