/**
 * The canonical project as `docker compose config` prints it: fields in compose-go's order,
 * empty values left out, durations, byte sizes and file modes in their text forms, extension
 * fields last. The result is a plain object whose key order is the output order, ready for the
 * YAML or JSON writer; `format` matters because compose-go's YAML and JSON forms differ in a few
 * places (JSON always has `command` and `entrypoint`, drops extensions inside services, writes
 * byte sizes as strings and sorts the top level).
 *
 * It never changes meaning: a value whose shape the table does not expect (the model before
 * normalisation, say) is passed through as it is.
 */
import { compareBytes, compareGoYamlKeys } from './go-key-order.js';
import { MODEL_STRUCTS, type FieldKind, type FieldRow } from './model-fields.js';

export type ModelFormat = 'yaml' | 'json';

/** Top-level sections in the order compose-go's Project struct declares them. */
const PROJECT_SECTIONS: readonly FieldRow[] = [
  ['name', 'string'],
  ['services', 'map:ServiceConfig', 'YJ'],
  ['networks', 'map:NetworkConfig'],
  ['volumes', 'map:VolumeConfig'],
  ['secrets', 'map:SecretConfig'],
  ['configs', 'map:ConfigObjConfig'],
  ['models', 'map:ModelConfig', 'j'],
];

export function renderModel(model: Record<string, unknown>, format: ModelFormat): Record<string, unknown> {
  const rendered = renderFields(model, PROJECT_SECTIONS, format, { extensions: 'keep' });
  if (format === 'yaml') return rendered;
  // compose-go builds the JSON top level as a Go map, which encoding/json writes sorted.
  return Object.fromEntries(Object.entries(rendered).sort(([a], [b]) => compareBytes(a, b)));
}

/** One object of the model (a service, a network…) rendered alone, as compose-go marshals that type. */
export function renderObject(value: unknown, type: string, format: ModelFormat): unknown {
  const rendered = renderStruct(value, type, format, true);
  return rendered === OMIT ? null : rendered;
}

interface RenderFieldsOptions {
  /** JSON drops `x-*` inside objects (compose-go tags them `json:"-"`), but keeps them at the top. */
  extensions: 'keep' | 'format-dependent';
}

function renderFields(
  value: Record<string, unknown>,
  rows: readonly FieldRow[],
  format: ModelFormat,
  options: RenderFieldsOptions,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, kind, flags = ''] of rows) {
    if (format === 'json' && flags.includes('j')) continue;
    const always = flags.includes(format === 'yaml' ? 'Y' : 'J');
    const pointer = flags.includes('P');
    // encoding/json's omitempty never drops a struct held by value: JSON always has it, even `{}`.
    const field = format === 'json' && !pointer && isStructKind(kind) ? (value[name] ?? {}) : value[name];
    const rendered = renderValue(field, kind, format, pointer);
    if (rendered === OMIT) {
      if (always) out[name] = zeroValue(kind);
      continue;
    }
    out[name] = rendered;
  }
  if (format === 'yaml' || options.extensions === 'keep') {
    for (const key of Object.keys(value).filter(isExtension).sort(keyOrder(format))) out[key] = value[key];
  }
  return out;
}

const OMIT = Symbol('omit');
type Rendered = unknown | typeof OMIT;

function renderValue(value: unknown, kind: FieldKind, format: ModelFormat, pointer: boolean): Rendered {
  if (value === undefined) return OMIT;
  switch (kind) {
    case 'string':
      return value === '' || value === null ? OMIT : value;
    case 'bool':
      return value === false || value === null ? OMIT : value;
    case 'bool?':
    case 'number?':
    case 'any':
      return value === null ? OMIT : value;
    case 'optout':
      // compose-go's OptOut is "zero" when true: only an explicit false is printed.
      return value === true || value === null ? OMIT : value;
    case 'number':
    case 'nanocpus':
      return value === 0 || value === null ? OMIT : value;
    case 'duration':
      return value === null || value === '' ? OMIT : value;
    case 'bytes':
      if (value === 0 || value === null) return OMIT;
      return typeof value === 'number' ? String(value) : value;
    case 'filemode':
      return typeof value === 'number' ? `0${value.toString(8)}` : value;
    case 'command':
      return renderCommand(value, format);
    case 'hosts':
      return renderHosts(value);
    case 'ssh':
      return renderSsh(value);
    case 'list':
      return isEmptyCollection(value) ? OMIT : value;
    case 'map':
      return isEmptyCollection(value) ? OMIT : sortedMap(value, format);
  }
  if (kind.startsWith('list:')) return renderList(value, kind.slice(5), format);
  if (kind.startsWith('map:')) return renderMap(value, kind.slice(4), format);
  return renderStruct(value, kind, format, pointer);
}

function renderStruct(value: unknown, type: string, format: ModelFormat, pointer: boolean): Rendered {
  if (value === null) return OMIT;
  if (type === 'UlimitsConfig') return renderUlimit(value, format);
  const rows = MODEL_STRUCTS[structName(type)];
  if (!rows || !isRecord(value)) return value;
  let rendered = renderFields(withoutHiddenContent(value, type), rows, format, {
    extensions: 'format-dependent',
  });
  if (format === 'json' && UNTAGGED_STRUCTS.has(type)) rendered = withGoFieldNames(rendered);
  // In YAML a Go struct held by value disappears under omitempty when it is all zero; a pointer
  // does not, and JSON never drops a struct.
  return format === 'yaml' && !pointer && Object.keys(rendered).length === 0 ? OMIT : rendered;
}

function renderList(value: unknown, type: string, format: ModelFormat): Rendered {
  if (!Array.isArray(value)) return value;
  if (value.length === 0) return OMIT;
  return value.map((item) => {
    const rendered = renderStruct(item, type, format, true);
    return rendered === OMIT ? item : rendered;
  });
}

function renderMap(value: unknown, type: string, format: ModelFormat): Rendered {
  if (!isRecord(value)) return value;
  if (Object.keys(value).length === 0) return OMIT;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(keyOrder(format))) {
    const item = value[key];
    const rendered = renderStruct(item ?? nullEntry(type), type, format, true);
    out[key] = rendered === OMIT ? item : rendered;
  }
  return out;
}

/**
 * Maps whose Go element is a pointer (`map[string]*ServiceNetworkConfig`) keep a null entry as
 * null; maps of structs held by value (`Networks map[string]NetworkConfig`) decode it as the zero
 * struct, which prints as `{}`.
 */
const POINTER_ELEMENT_TYPES = new Set(['ServiceNetworkConfig', 'UlimitsConfig', 'ServiceModelConfig']);

function nullEntry(type: string): Record<string, unknown> | null {
  return POINTER_ELEMENT_TYPES.has(type) ? null : {};
}

/** Secrets never print their content; configs drop it when it came from an environment variable. */
function withoutHiddenContent(value: Record<string, unknown>, type: string): Record<string, unknown> {
  if (type === 'SecretConfig' || (type === 'ConfigObjConfig' && value.environment)) {
    const { content: _content, ...rest } = value;
    return rest;
  }
  return value;
}

/** Go structs without JSON tags: encoding/json writes their fields by Go name (`Path`, `Rate`). */
const UNTAGGED_STRUCTS = new Set(['ThrottleDevice', 'WeightDevice']);

function withGoFieldNames(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key[0]!.toUpperCase() + key.slice(1), v]),
  );
}

function structName(type: string): string {
  return type === 'SecretConfig' || type === 'ConfigObjConfig' ? 'FileObjectConfig' : type;
}

function renderCommand(value: unknown, format: ModelFormat): Rendered {
  if (value === null) return format === 'json' ? null : OMIT;
  if (Array.isArray(value) && value.length === 0 && format === 'yaml') return OMIT;
  return value;
}

function renderHosts(value: unknown): Rendered {
  if (Array.isArray(value)) return value.length === 0 ? OMIT : [...value].map(String).sort();
  if (!isRecord(value)) return value;
  const list = Object.entries(value).flatMap(([host, ips]) =>
    (Array.isArray(ips) ? ips : [ips]).map((ip) => `${host}=${String(ip ?? '')}`),
  );
  return list.length === 0 ? OMIT : list.sort();
}

function renderSsh(value: unknown): Rendered {
  // The mapping form (`ssh: {default: ""}`) is a list of keys in compose-go's model.
  const keys = isRecord(value) ? Object.entries(value).map(([id, path]) => ({ id, path })) : value;
  if (!Array.isArray(keys)) return keys;
  if (keys.length === 0) return OMIT;
  return keys.map((key) => {
    if (!isRecord(key)) return key;
    return key.path ? `${String(key.id)}: ${String(key.path)}` : key.id;
  });
}

function renderUlimit(value: unknown, format: ModelFormat): Rendered {
  if (typeof value === 'number' || !isRecord(value)) return value;
  if (typeof value.single === 'number' && value.single !== 0) return value.single;
  const { soft = 0, hard = 0 } = value as { soft?: number; hard?: number };
  if (format === 'yaml') return { soft, hard };
  const out: Record<string, unknown> = {};
  if (soft !== 0) out.soft = soft;
  if (hard !== 0) out.hard = hard;
  return out;
}

function isStructKind(kind: FieldKind): boolean {
  return kind in MODEL_STRUCTS && kind !== 'UlimitsConfig';
}

function zeroValue(kind: FieldKind): unknown {
  if (kind === 'bool' || kind === 'optout') return false;
  if (kind === 'string') return '';
  if (kind === 'number') return 0;
  if (kind.startsWith('map:')) return {};
  return null;
}

function sortedMap(value: unknown, format: ModelFormat): unknown {
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort(keyOrder(format))
      .map((key) => [key, value[key]]),
  );
}

/** Go's YAML library and its JSON encoder order map keys differently. */
function keyOrder(format: ModelFormat): (a: string, b: string) => number {
  return format === 'yaml' ? compareGoYamlKeys : compareBytes;
}

function isEmptyCollection(value: unknown): boolean {
  if (value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isRecord(value)) return Object.keys(value).length === 0;
  return false;
}

function isExtension(key: string): boolean {
  return key.startsWith('x-');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
