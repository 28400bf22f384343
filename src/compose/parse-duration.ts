/**
 * Durations (`healthcheck.interval`, `stop_grace_period`, `deploy.restart_policy.delay`…) as
 * compose-go reads and prints them.
 *
 * Reading follows go-str2duration, the parser compose-go uses: Go's `time.ParseDuration` plus the
 * units `d` (day) and `w` (week), so `1d12h` is valid. Printing follows Go's
 * `time.Duration.String()`, which is what `docker compose config` shows: `90s` prints as `1m30s`,
 * `1h` as `1h0m0s`, `1500us` as `1.5ms`. Nanoseconds are counted in a bigint because the largest
 * durations do not fit in a double.
 */
import { failed, parsed, type ParseResult } from './parse-result.js';

const NANOSECOND = 1n;
const MICROSECOND = 1000n * NANOSECOND;
const MILLISECOND = 1000n * MICROSECOND;
const SECOND = 1000n * MILLISECOND;
const MINUTE = 60n * SECOND;
const HOUR = 60n * MINUTE;
const MAX_INT64 = (1n << 63n) - 1n;

const UNITS: ReadonlyMap<string, bigint> = new Map([
  ['ns', NANOSECOND],
  ['us', MICROSECOND],
  ['\u00b5s', MICROSECOND], // micro sign
  ['\u03bcs', MICROSECOND], // Greek mu
  ['ms', MILLISECOND],
  ['s', SECOND],
  ['m', MINUTE],
  ['h', HOUR],
  ['d', 24n * HOUR],
  ['w', 168n * HOUR],
]);

/** A duration in nanoseconds, from text such as `1m30s`, `-1.5h` or `2d`. */
export function parseDuration(text: string): ParseResult<bigint> {
  const invalid = failed(`time: invalid duration "${text}"`);
  let rest = text;
  let negative = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    negative = rest.startsWith('-');
    rest = rest.slice(1);
  }
  if (rest === '0') return parsed(0n);
  if (rest === '') return invalid;
  let total = 0n;
  while (rest !== '') {
    const number = /^(\d*)(?:\.(\d*))?/.exec(rest);
    const whole = number?.[1] ?? '';
    const fraction = number?.[2];
    if (whole === '' && !fraction) return invalid;
    rest = rest.slice(number?.[0].length ?? 0);
    const unitText = /^[^.\d]*/.exec(rest)?.[0] ?? '';
    if (unitText === '') return failed(`time: missing unit in duration "${text}"`);
    rest = rest.slice(unitText.length);
    const unit = UNITS.get(unitText);
    if (unit === undefined) return failed(`time: unknown unit "${unitText}" in duration "${text}"`);
    const wholeValue = BigInt(whole === '' ? '0' : whole);
    if (wholeValue > MAX_INT64 / unit) return invalid;
    let value = wholeValue * unit;
    if (fraction) value += fractionOf(fraction, unit);
    total += value;
    if (total > MAX_INT64) return invalid;
  }
  return parsed(negative ? -total : total);
}

/**
 * The nanoseconds a fraction of a unit adds. Like Go, digits count until they would overflow an
 * int64 and the scaling is done in floating point, exact to the nanosecond even for hours.
 */
function fractionOf(digits: string, unit: bigint): bigint {
  let value = 0n;
  let scale = 1;
  for (const digit of digits) {
    const next = value * 10n + BigInt(digit);
    if (value > MAX_INT64 / 10n || next > MAX_INT64) break;
    value = next;
    scale *= 10;
  }
  return BigInt(Math.trunc(Number(value) * (Number(unit) / scale)));
}

/** Go's `time.Duration.String()`: `1h2m3.5s`, `1.5ms`, `0s`. */
export function formatDuration(nanoseconds: bigint): string {
  const negative = nanoseconds < 0n;
  const size = negative ? -nanoseconds : nanoseconds;
  const sign = negative ? '-' : '';
  if (size === 0n) return '0s';
  if (size < SECOND) {
    if (size < MICROSECOND) return `${sign}${size}ns`;
    if (size < MILLISECOND) return `${sign}${withFraction(size, 3)}\u00b5s`;
    return `${sign}${withFraction(size, 6)}ms`;
  }
  const seconds = withFraction(size % MINUTE, 9);
  const minutes = size / MINUTE;
  if (minutes === 0n) return `${sign}${seconds}s`;
  const hours = minutes / 60n;
  if (hours === 0n) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${hours}h${minutes % 60n}m${seconds}s`;
}

/**
 * A duration field as compose-go's model holds it once printed. Numbers are read as their text
 * (`10` has no unit and is refused, `0` is zero), as compose-go does with `fmt.Sprint`.
 */
export function canonicalDuration(value: unknown): ParseResult<string> {
  if (typeof value !== 'string' && typeof value !== 'number') {
    return failed(`invalid duration: expected a string such as "10s", got ${JSON.stringify(value)}`);
  }
  const result = parseDuration(String(value));
  return result.ok ? parsed(formatDuration(result.value)) : result;
}

/** `value / 10**precision` with the fraction's trailing zeros (and a bare point) dropped. */
function withFraction(value: bigint, precision: number): string {
  const scale = 10n ** BigInt(precision);
  const fraction = (value % scale).toString().padStart(precision, '0').replace(/0+$/, '');
  const whole = (value / scale).toString();
  return fraction === '' ? whole : `${whole}.${fraction}`;
}
