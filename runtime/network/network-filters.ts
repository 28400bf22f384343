/**
 * `GET /networks` and `POST /networks/prune` filters, Docker's meaning: `name` matches as a
 * regular expression anywhere in the name (so `^proj_default$` is exact), `id` by prefix, `label`
 * is `key` or `key=value` (all must hold), `driver` exactly, `type` is `builtin` or `custom`,
 * `scope` is `local`, `dangling=true` keeps networks without containers. Values of one filter are
 * alternatives. Pure.
 */
import type { ListFilters } from '../api/engine-types.js';
import { invalidNetworkRequest } from './network-errors.js';
import type { NetworkRecord } from './network-record.js';

const KNOWN = new Set(['name', 'id', 'label', 'driver', 'type', 'scope', 'dangling', 'until']);

export function selectNetworks(
  records: readonly NetworkRecord[],
  filters: ListFilters,
  inUse: (record: NetworkRecord) => boolean,
): NetworkRecord[] {
  for (const key of Object.keys(filters)) {
    if (!KNOWN.has(key)) throw invalidNetworkRequest(`invalid filter '${key}'`);
  }
  return records.filter((record) => matches(record, filters, inUse));
}

function matches(
  record: NetworkRecord,
  filters: ListFilters,
  inUse: (record: NetworkRecord) => boolean,
): boolean {
  const any = (key: string, test: (value: string) => boolean): boolean => {
    const values = filters[key];
    return !values || values.length === 0 || values.some(test);
  };
  const labelsMatch = (filters.label ?? []).every((wanted) => {
    const index = wanted.indexOf('=');
    if (index < 0) return wanted in record.Labels;
    return record.Labels[wanted.slice(0, index)] === wanted.slice(index + 1);
  });
  return (
    labelsMatch &&
    any('name', (value) => nameMatches(record.Name, value)) &&
    any('id', (value) => record.Id.startsWith(value)) &&
    any('driver', (value) => record.Driver === value) &&
    any('type', (value) => (record.Predefined ? 'builtin' : 'custom') === value) &&
    any('scope', (value) => value === 'local') &&
    any('dangling', (value) => (value === 'true' || value === '1') === !inUse(record)) &&
    any('until', (value) => Date.parse(record.Created) < untilMs(value))
  );
}

function nameMatches(name: string, pattern: string): boolean {
  try {
    return new RegExp(pattern).test(name);
  } catch (error) {
    // SyntaxError: not a regular expression; Docker would refuse it, a plain substring is kinder.
    if (error instanceof SyntaxError) return name.includes(pattern);
    throw error;
  }
}

/** `until`: a timestamp (Unix seconds or RFC 3339) or a duration before now is not supported here. */
function untilMs(value: string): number {
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) throw invalidNetworkRequest(`invalid until filter: ${value}`);
  return parsed;
}
