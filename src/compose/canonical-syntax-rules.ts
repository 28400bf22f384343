/**
 * compose-go's canonical transform (its `transform/` package), one row per attribute: each short
 * syntax becomes the long form that `docker compose config --no-interpolate` prints.
 *
 * - `build: ./dir` → `{context: ./dir}`; `extends: web` → `{service: web}`;
 * - `depends_on: [db]` → `{db: {condition: service_started, required: true}}`, and mapping
 *   entries get the same two defaults;
 * - `env_file: .env` → `[{path: .env, required: true}]`;
 * - `networks: [front]` and `models: [m]` → `{front: null}`;
 * - short ports and volumes → long entries (parse-port.ts, parse-volume.ts);
 * - `secrets: [token]`, `configs`, `build.secrets` → `[{source: token}]`;
 * - `devices: [/dev/a:/dev/b:r]` → `{source, target, permissions}` (permissions default `rwm`);
 * - `gpus: all` → `[{count: all}]`; `build.ssh: [default, key=path]` → `{default: null, key: path}`;
 * - `dns`, `label_file`, `develop.watch[].ignore|include` as one string → a one-item list;
 * - `external: {name: x}` (deprecated) → `external: true, name: x`, with a warning.
 *
 * What compose-go does later when it binds the tree to Go types (environment lists to maps, byte
 * sizes, durations…) is in canonical-binding-rules.ts.
 */
import { rulesFor, type CanonicalContext, type CanonicalRule } from './canonical-context.js';
import { cleanPosixPath } from './clean-posix-path.js';
import { formatGoScalar } from './format-go-scalar.js';
import { goTypeName } from './go-type-name.js';
import { parseKeyValueList } from './parse-mapping.js';
import { parsePortSpec } from './parse-port.js';
import { parseVolumeSpec } from './parse-volume.js';
import { formatPath, type TreePath } from './tree-path.js';

type Mapping = Record<string, unknown>;

export const syntaxRules: readonly CanonicalRule[] = [
  { pattern: 'services.*.build', apply: toBuild },
  ...rulesFor(['services.*.build.secrets.*', 'services.*.secrets.*', 'services.*.configs.*'], toFileMount),
  ...rulesFor(['services.*.build.provenance', 'services.*.build.sbom'], (value) =>
    typeof value === 'string' || value === null ? value : formatGoScalar(value),
  ),
  { pattern: 'services.*.build.additional_contexts', apply: toKeyValueMapping },
  { pattern: 'services.*.build.ssh', apply: toSshMapping },
  { pattern: 'services.*.depends_on', apply: toDependsOn },
  { pattern: 'services.*.env_file', apply: toEnvFiles },
  { pattern: 'services.*.extends', apply: toExtends },
  { pattern: 'services.*.gpus', apply: toGpus },
  ...rulesFor(['services.*.networks', 'services.*.models'], toNullValuedMapping),
  { pattern: 'services.*.volumes.*', apply: toVolumeMount },
  { pattern: 'services.*.devices.*', apply: toDeviceMapping },
  { pattern: 'services.*.ports', apply: toPorts },
  {
    pattern: 'services.*.dns',
    // compose-go drops empty entries here, so `dns: ${UNSET}` means no DNS server at all.
    apply: (value) => {
      const list = typeof value === 'string' ? [value] : value;
      return Array.isArray(list) ? list.filter(isSet) : list;
    },
  },
  ...rulesFor(
    ['services.*.label_file', 'services.*.develop.watch.*.ignore', 'services.*.develop.watch.*.include'],
    (value) => (typeof value === 'string' ? [value] : value),
  ),
  ...rulesFor(['volumes.*', 'networks.*', 'secrets.*', 'configs.*'], toMaybeExternal),
  { pattern: 'include.*', apply: (value) => (typeof value === 'string' ? { path: value } : value) },
];

function toBuild(value: unknown, path: TreePath, context: CanonicalContext): unknown {
  if (typeof value === 'string') return { context: value };
  if (isMapping(value) || value === null) return value;
  return context.reject(value, path, `invalid type ${goTypeName(value)} for build`);
}

function toFileMount(value: unknown, path: TreePath, context: CanonicalContext): unknown {
  if (typeof value === 'string') return { source: value };
  if (isMapping(value)) return value;
  return context.reject(value, path, `unsupported type ${goTypeName(value)}`);
}

function toKeyValueMapping(value: unknown, path: TreePath, context: CanonicalContext): unknown {
  if (isMapping(value) || value === null) return value;
  if (Array.isArray(value)) {
    const result = parseKeyValueList(value);
    return result.ok ? result.value : context.unreadable(value, path, result.error);
  }
  return context.reject(value, path, `invalid type ${goTypeName(value)}`);
}

function toSshMapping(value: unknown, path: TreePath, context: CanonicalContext): unknown {
  if (!Array.isArray(value)) {
    return isMapping(value) || value === null
      ? value
      : context.reject(value, path, `invalid type ${goTypeName(value)} for ssh`);
  }
  const keys: Array<[string, string | null]> = [];
  for (const entry of value) {
    if (typeof entry !== 'string')
      return context.reject(value, path, `invalid ssh key type ${goTypeName(entry)}`);
    const at = entry.indexOf('=');
    if (at >= 0) keys.push([entry.slice(0, at), entry.slice(at + 1)]);
    else if (entry === 'default') keys.push([entry, null]);
    else return context.reject(value, path, `invalid ssh key ${JSON.stringify(entry)}`);
  }
  return Object.fromEntries(keys);
}

function toDependsOn(value: unknown, path: TreePath, context: CanonicalContext): unknown {
  if (Array.isArray(value)) {
    return Object.fromEntries(
      value.map((service) => [formatGoScalar(service), { condition: 'service_started', required: true }]),
    );
  }
  if (!isMapping(value))
    return context.reject(value, path, `invalid type ${goTypeName(value)} for depends_on`);
  const dependencies: Array<[string, unknown]> = [];
  for (const [service, entry] of Object.entries(value)) {
    if (!isMapping(entry)) {
      context.reject(entry, [...path, service], `unsupported value ${formatGoScalar(entry)}`);
      dependencies.push([service, entry]);
      continue;
    }
    dependencies.push([
      service,
      { condition: 'service_started', ...entry, required: 'required' in entry ? entry.required : true },
    ]);
  }
  return Object.fromEntries(dependencies);
}

function toEnvFiles(value: unknown, path: TreePath, context: CanonicalContext): unknown {
  if (typeof value === 'string') return [{ path: value, required: true }];
  if (!Array.isArray(value))
    return context.reject(value, path, `invalid type ${goTypeName(value)} for env_file`);
  return value.map((entry) => {
    if (typeof entry === 'string') return { path: entry, required: true };
    if (isMapping(entry)) return 'required' in entry ? entry : { ...entry, required: true };
    return null;
  });
}

function toExtends(value: unknown, path: TreePath, context: CanonicalContext): unknown {
  if (typeof value === 'string') return { service: value };
  if (isMapping(value) || value === null) return value;
  return context.reject(value, path, `invalid type ${goTypeName(value)} for extends`);
}

function toGpus(value: unknown, path: TreePath, context: CanonicalContext): unknown {
  // The only string the specification allows is `all`; compose-go reads any string that way.
  if (typeof value === 'string') return [{ count: 'all' }];
  if (Array.isArray(value) || value === null) return value;
  return context.reject(value, path, `invalid type ${goTypeName(value)} for gpus`);
}

function toNullValuedMapping(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return Object.fromEntries(value.map((name) => [formatGoScalar(name), null]));
}

function toVolumeMount(value: unknown, path: TreePath, context: CanonicalContext): unknown {
  if (isMapping(value)) return value;
  if (typeof value !== 'string') {
    return context.reject(value, path, `invalid type ${goTypeName(value)} for service volume mount`);
  }
  const result = parseVolumeSpec(value);
  if (!result.ok) return context.unreadable(value, path, result.error);
  return { ...result.value, target: result.value.target === '' ? '' : cleanPosixPath(result.value.target) };
}

function toDeviceMapping(value: unknown, path: TreePath, context: CanonicalContext): unknown {
  if (isMapping(value)) return value;
  if (typeof value !== 'string') {
    return context.reject(value, path, `invalid type ${goTypeName(value)} for service device mapping`);
  }
  const parts = value.split(':');
  if (parts.length > 3) {
    return context.unreadable(value, path, `confusing device mapping, please use long syntax: ${value}`);
  }
  const [source = '', target = '', permissions = 'rwm'] = parts;
  return { source, target: target === '' ? source : target, permissions };
}

function toPorts(value: unknown, path: TreePath, context: CanonicalContext): unknown {
  if (!Array.isArray(value)) return context.reject(value, path, `invalid type ${goTypeName(value)} for port`);
  const ports: unknown[] = [];
  for (const [index, entry] of value.entries()) {
    if (isMapping(entry)) {
      ports.push(entry);
      continue;
    }
    if (typeof entry !== 'string' && !(typeof entry === 'number' && Number.isInteger(entry))) {
      return context.reject(value, [...path, index], `invalid type ${goTypeName(entry)} for port`);
    }
    const result = parsePortSpec(String(entry));
    if (!result.ok) {
      // Like compose-go, one unreadable entry leaves the whole list as written.
      return context.unreadable(value, [...path, index], result.error);
    }
    ports.push(...result.value);
  }
  return ports;
}

function toMaybeExternal(value: unknown, path: TreePath, context: CanonicalContext): unknown {
  if (!isMapping(value) || !isMapping(value.external)) return value;
  const { name: legacyName } = value.external;
  const resource: Mapping = { ...value, external: true };
  if (legacyName === undefined) return resource;
  context.warn(`${formatPath(path)}: external.name is deprecated. Please set name and external: true`);
  if ('name' in value && value.name !== legacyName) {
    return context.reject(value, path, 'name and external.name conflict; only use name');
  }
  return { ...resource, name: legacyName };
}

function isSet(entry: unknown): boolean {
  return entry !== null && entry !== '';
}

function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
