/**
 * `--since` / `--until` as the engine wants them (the docker client's timetypes.GetTimestamp): a
 * Go duration (`42m`, `1h30m`) counts back from now, an RFC 3339 date or time (`2013-01-02`,
 * `2013-01-02T13:23:37Z`, local time when no zone is given) becomes Unix seconds with nanoseconds,
 * and a Unix timestamp passes as is. Pure: "now" and the local zone come from the `now` argument.
 */

export class TimestampError extends Error {
  override readonly name = 'TimestampError';
}

export function toEngineTimestamp(value: string, now: Date): string {
  const duration = parseGoDuration(value);
  // Go's ParseDuration accepts "0", which GetTimestamp reads as the Unix epoch instead.
  if (duration !== undefined && value !== '0') {
    return String(Math.floor((now.getTime() - duration) / 1000));
  }
  if (/^\d+(\.\d{1,9})?$/.test(value)) return value;
  const time = parseDateTime(value);
  if (time === undefined) throw new TimestampError(`failed to parse value as time or duration: "${value}"`);
  return time;
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?)?(Z|z|[+-]\d{2}:\d{2})?$/;

/** `sec.nnnnnnnnn`, or undefined when the text is no date Docker would read. */
function parseDateTime(value: string): string | undefined {
  const match = DATE_TIME.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone] = match;
  const fields = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [y, mo, d, h, mi, s] = fields;
  let millis: number;
  if (zone === undefined) {
    millis = new Date(y, mo - 1, d, h, mi, s).getTime();
  } else {
    millis = Date.UTC(y, mo - 1, d, h, mi, s) - zoneOffsetMinutes(zone) * 60_000;
  }
  if (Number.isNaN(millis)) return undefined;
  const seconds = Math.floor(millis / 1000);
  return `${seconds}.${fraction.padEnd(9, '0')}`;
}

function zoneOffsetMinutes(zone: string): number {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const [hours, minutes] = zone.slice(1).split(':').map(Number) as [number, number];
  return sign * (hours * 60 + minutes);
}

const UNIT_MILLISECONDS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Go's time.ParseDuration, in milliseconds: `1h30m`, `1.5s`, `-2m`; undefined when not one. */
export function parseGoDuration(value: string): number | undefined {
  const match = /^([+-]?)((?:\d*\.?\d+(?:ns|us|µs|μs|ms|s|m|h))+|0)$/.exec(value);
  if (!match) return undefined;
  const [, sign, body = ''] = match;
  if (body === '0') return 0;
  let total = 0;
  for (const part of body.matchAll(/(\d*\.?\d+)(ns|us|µs|μs|ms|s|m|h)/g)) {
    total += Number(part[1]) * UNIT_MILLISECONDS[part[2]!]!;
  }
  return sign === '-' ? -total : total;
}
