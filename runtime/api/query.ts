/**
 * Docker's reading of query parameters: booleans as `httputils.BoolValue` does ("", "0", "no",
 * "false", "none" are false, anything else true), integers strictly, and `filters` as JSON in
 * either of Docker's two forms (`{"label":["a=b"]}` or the newer `{"label":{"a=b":true}}`).
 * Bad values are 400s with Docker's wording.
 */
import { badParameter } from './api-error.js';
import type { ListFilters } from './engine-types.js';

const FALSE_WORDS = new Set(['', '0', 'no', 'false', 'none']);

export function readBool(query: URLSearchParams, name: string, fallback = false): boolean {
  const value = query.get(name);
  if (value === null) return fallback;
  return !FALSE_WORDS.has(value.trim().toLowerCase());
}

export function readInt(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  if (!/^-?\d+$/.test(value.trim()))
    throw badParameter(`invalid value for ${name}: ${JSON.stringify(value)}`);
  return Number(value);
}

export function readString(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name);
  return value === null || value === '' ? undefined : value;
}

export function readFilters(query: URLSearchParams): ListFilters {
  const text = query.get('filters');
  if (text === null || text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw badParameter(`invalid filter: ${(error as Error).message}`);
  }
  if (!isRecord(parsed)) throw badParameter('invalid filter: expected a JSON object');
  const filters: ListFilters = {};
  for (const [name, values] of Object.entries(parsed)) {
    if (Array.isArray(values) && values.every((value) => typeof value === 'string')) {
      filters[name] = values;
    } else if (isRecord(values)) {
      filters[name] = Object.entries(values)
        .filter(([, on]) => on === true)
        .map(([value]) => value);
    } else {
      throw badParameter(`invalid filter: ${JSON.stringify(name)} must list its values`);
    }
  }
  return filters;
}

/**
 * Docker's `since`/`until` times: Unix seconds with an optional fraction ("1700000000.5"), which
 * the docker CLI sends after converting durations and dates, or RFC 3339. Returns nanoseconds.
 */
export function readTimestamp(query: URLSearchParams, name: string): bigint | undefined {
  const value = readString(query, name);
  if (value === undefined) return undefined;
  const unix = /^(\d+)(?:\.(\d{1,9}))?$/.exec(value);
  if (unix) return BigInt(unix[1] ?? '0') * 1_000_000_000n + BigInt((unix[2] ?? '').padEnd(9, '0'));
  const millis = Date.parse(value);
  if (Number.isNaN(millis)) throw badParameter(`invalid value for ${name}: ${JSON.stringify(value)}`);
  return BigInt(millis) * 1_000_000n;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
