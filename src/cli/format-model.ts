/**
 * Writes a rendered model as text the way `docker compose config` does: YAML through Go's
 * encoder rules (format-yaml.ts), or JSON as Go's json.MarshalIndent writes it (two-space
 * indent, HTML-sensitive characters escaped, no final newline).
 */
import { goJson } from '../compose/go-json.js';
import { formatYaml } from './format-yaml.js';

export type OutputFormat = 'yaml' | 'json';

export function formatModel(model: unknown, format: OutputFormat): string {
  return format === 'json' ? goJson(model, 2) : formatYaml(model);
}
