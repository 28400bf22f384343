/**
 * Byte sizes (`mem_limit`, `shm_size`, `tmpfs.size`, `blkio_config` rates…) as compose-go's
 * `UnitBytes` reads them: a plain integer (negative allowed, `-1` means unlimited for
 * `memswap_limit`), or a human size in binary units through docker/go-units' `RAMInBytes`:
 * `512m`, `1.5g`, `1gb`, `2GiB`, `640 k`. Units are case-insensitive and always powers of 1024.
 *
 * compose-go prints the result as a decimal string; the model keeps it as a number, which is
 * what every user of the value needs (see the report on printing).
 */
import { failed, parsed, type ParseResult } from './parse-result.js';
import { isGoFloat, isGoInteger } from './read-go-number.js';

const BINARY_UNITS: ReadonlyMap<string, number> = new Map([
  ['k', 1024],
  ['m', 1024 ** 2],
  ['g', 1024 ** 3],
  ['t', 1024 ** 4],
  ['p', 1024 ** 5],
]);

/** The number of bytes in a size field's value. */
export function parseBytes(value: unknown): ParseResult<number> {
  if (typeof value === 'number') {
    // compose-go's decoder only knows integers and strings; a YAML float leaves the size at zero.
    return parsed(Number.isInteger(value) ? value : 0);
  }
  if (typeof value !== 'string') return failed(`invalid size: expected a number or a string such as "512m"`);
  if (isGoInteger(value)) return parsed(Number(value));
  return parseHumanSize(value);
}

/** docker/go-units `RAMInBytes`: `<number>[ ]<k|m|g|t|p>[i][b]` or `<number>[ ][b]`. */
export function parseHumanSize(text: string): ParseResult<number> {
  const separator = lastIndexOfAny(text, '0123456789. ');
  if (separator === -1) return failed(`invalid size: '${text}'`);
  const number = text[separator] === ' ' ? text.slice(0, separator) : text.slice(0, separator + 1);
  const suffix = text.slice(separator + 1);
  if (!isGoFloat(number)) {
    return failed(`strconv.ParseFloat: parsing "${number}": invalid syntax`);
  }
  const size = Number(number);
  if (size < 0) return failed(`invalid size: '${text}'`);
  if (suffix === '') return parsed(Math.trunc(size));
  const unit = suffix.toLowerCase();
  const badSuffix = failed(`invalid suffix: '${unit}'`);
  if (unit.length > 3) return failed(`invalid suffix: '${suffix}'`);
  if (unit === 'b') return parsed(Math.trunc(size));
  const multiplier = BINARY_UNITS.get(unit[0] ?? '');
  if (multiplier === undefined) return badSuffix;
  if (unit.length === 2 && unit[1] !== 'b') return badSuffix;
  if (unit.length === 3 && unit.slice(1) !== 'ib') return badSuffix;
  return parsed(Math.trunc(size * multiplier));
}

function lastIndexOfAny(text: string, characters: string): number {
  for (let i = text.length - 1; i >= 0; i--) {
    if (characters.includes(text[i] ?? '')) return i;
  }
  return -1;
}
