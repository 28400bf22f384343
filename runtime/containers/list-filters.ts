/**
 * `GET /containers/json` filters, Docker's meaning: `id` and `name` match by prefix/substring,
 * `label` is `key` or `key=value` (all must match), `status` is a state word, `exited` an exit
 * code, `health` a health status (`none` for no healthcheck), `ancestor` the image name or id.
 * Values of one filter are alternatives; different filters must all match. Pure.
 */
import type { ContainerListOptions } from '../api/engine-types.js';
import { badRequest } from '../status-error.js';
import type { ContainerRecord } from './container-record.js';

const KNOWN = new Set(['id', 'name', 'label', 'status', 'exited', 'health', 'ancestor']);

export function selectContainers(
  records: readonly ContainerRecord[],
  options: ContainerListOptions,
): ContainerRecord[] {
  for (const key of Object.keys(options.filters)) {
    if (!KNOWN.has(key)) throw badRequest(`invalid filter '${key}'`);
  }
  const statusFilter = options.filters.status ?? [];
  const showAll = options.all || statusFilter.length > 0 || (options.filters.exited ?? []).length > 0;
  const sorted = [...records].sort((a, b) => Date.parse(b.Created) - Date.parse(a.Created));
  const selected = sorted.filter(
    (record) => (showAll || record.State.Running) && matches(record, options.filters),
  );
  return options.limit !== undefined && options.limit > 0 ? selected.slice(0, options.limit) : selected;
}

function matches(record: ContainerRecord, filters: Record<string, string[]>): boolean {
  const any = (key: string, test: (value: string) => boolean): boolean => {
    const values = filters[key];
    return !values || values.length === 0 || values.some(test);
  };
  const labels = record.Config.Labels ?? {};
  const labelsMatch = (filters.label ?? []).every((wanted) => {
    const index = wanted.indexOf('=');
    if (index < 0) return wanted in labels;
    return labels[wanted.slice(0, index)] === wanted.slice(index + 1);
  });
  return (
    labelsMatch &&
    any('id', (value) => record.Id.startsWith(value)) &&
    any('name', (value) => record.Name.slice(1).includes(value.replace(/^\//, ''))) &&
    any('status', (value) => record.State.Status === value) &&
    any('exited', (value) => record.State.Status === 'exited' && record.State.ExitCode === Number(value)) &&
    any('health', (value) => (record.State.Health?.Status ?? 'none') === value) &&
    any(
      'ancestor',
      (value) =>
        record.Config.Image === value ||
        record.Image === value ||
        record.Image === `sha256:${value}` ||
        `${record.Config.Image}:latest` === value,
    )
  );
}
