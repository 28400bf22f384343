/**
 * What compose-go does when it binds the canonical tree to its Go types (`types/`, through
 * mapstructure hooks): the remaining "either form" attributes get the one form its model holds.
 *
 * - `environment`, `build.args` (and hook environments): list → map, `KEY` alone → null;
 * - labels, annotations, sysctls, aux addresses, device options: list → map, `KEY` alone → "";
 * - driver and logging options: values → strings;
 * - `command`, `entrypoint`, hook commands: a string is split like a shell would (shellwords);
 * - `healthcheck.test: "cmd"` → `["CMD-SHELL", "cmd"]`;
 * - durations → Go's printed form (`90s` → `1m30s`); byte sizes (`512m`) → a number of bytes;
 * - `dns_search`, `tmpfs`, `build.tags`… as one string → a one-item list; `expose` → strings;
 * - `extra_hosts` → `{host: [addresses]}`; `ulimits.nofile: 1024` → `{single: 1024}`;
 * - device `count: all` → -1; secret and config `mode: "0440"` (octal text) → a number;
 * - `deploy.resources.*.cpus: "0.5"` → 0.5.
 *
 * Scalars whose type is fixed by the model (`privileged: "true"`, `published: 8080`) are coerced
 * in canonical-scalar-rules.ts. Values compose-go prints differently from how its model holds
 * them (byte sizes as strings, `required: true` omitted) are a printing concern, not handled here.
 */
import { readWith, rulesFor, type CanonicalRule } from './canonical-context.js';
import { formatGoScalar } from './format-go-scalar.js';
import { goTypeName } from './go-type-name.js';
import { parseBytes } from './parse-bytes.js';
import { canonicalDuration } from './parse-duration.js';
import { parseExtraHosts } from './parse-extra-hosts.js';
import {
  parseMappingWithEquals,
  parseMultiOptions,
  parseOptions,
  parseStringMapping,
} from './parse-mapping.js';
import { failed, parsed, type ParseResult } from './parse-result.js';
import { isGoFloat, isGoInteger } from './read-go-number.js';
import { splitShellWords } from './split-shell-words.js';

const HOOKS = ['pre_start', 'post_start', 'pre_stop'] as const;
const RESOURCES = ['limits', 'reservations'] as const;
const TOP_LEVEL = ['networks', 'volumes', 'secrets', 'configs'] as const;

export const bindingRules: readonly CanonicalRule[] = [
  ...rulesFor(
    [
      'services.*.environment',
      'services.*.build.args',
      ...HOOKS.map((hook) => `services.*.${hook}.*.environment`),
      'services.*.develop.watch.*.exec.environment',
    ],
    readWith(parseMappingWithEquals),
  ),
  ...rulesFor(
    [
      'services.*.labels',
      'services.*.build.labels',
      'services.*.deploy.labels',
      'services.*.annotations',
      'services.*.sysctls',
      'services.*.build.additional_contexts',
      'services.*.volumes.*.volume.labels',
      'services.*.gpus.*.options',
      ...RESOURCES.map((kind) => `services.*.deploy.resources.${kind}.devices.*.options`),
      ...TOP_LEVEL.map((kind) => `${kind}.*.labels`),
      'networks.*.ipam.config.*.aux_addresses',
    ],
    readWith(parseStringMapping),
  ),
  ...rulesFor(
    [
      'services.*.logging.options',
      'services.*.log_opt',
      'services.*.storage_opt',
      'services.*.networks.*.driver_opts',
      ...TOP_LEVEL.map((kind) => `${kind}.*.driver_opts`),
      'networks.*.ipam.options',
    ],
    readWith(parseOptions),
  ),
  { pattern: 'services.*.provider.options', apply: readWith(parseMultiOptions) },
  ...rulesFor(
    [
      'services.*.command',
      'services.*.entrypoint',
      ...HOOKS.map((hook) => `services.*.${hook}.*.command`),
      'services.*.develop.watch.*.exec.command',
    ],
    readWith(parseShellCommand),
  ),
  { pattern: 'services.*.healthcheck.test', apply: readWith(parseHealthCheckTest) },
  ...rulesFor(
    [
      'services.*.stop_grace_period',
      ...['interval', 'timeout', 'start_period', 'start_interval'].map(
        (key) => `services.*.healthcheck.${key}`,
      ),
      ...['update_config', 'rollback_config'].flatMap((key) => [
        `services.*.deploy.${key}.delay`,
        `services.*.deploy.${key}.monitor`,
      ]),
      'services.*.deploy.restart_policy.delay',
      'services.*.deploy.restart_policy.window',
    ],
    readWith(canonicalDuration),
  ),
  ...rulesFor(
    [
      ...['mem_limit', 'mem_reservation', 'memswap_limit', 'mem_swappiness', 'shm_size'].map(
        (key) => `services.*.${key}`,
      ),
      'services.*.build.shm_size',
      ...RESOURCES.map((kind) => `services.*.deploy.resources.${kind}.memory`),
      ...['device_read_bps', 'device_write_bps', 'device_read_iops', 'device_write_iops'].map(
        (key) => `services.*.blkio_config.${key}.*.rate`,
      ),
      'services.*.volumes.*.tmpfs.size',
    ],
    readWith(parseBytes),
  ),
  ...rulesFor(
    RESOURCES.map((kind) => `services.*.deploy.resources.${kind}.cpus`),
    readWith(parseNanoCpus),
  ),
  ...rulesFor(
    [
      'services.*.gpus.*.count',
      ...RESOURCES.map((kind) => `services.*.deploy.resources.${kind}.devices.*.count`),
    ],
    readWith(parseDeviceCount),
  ),
  ...rulesFor(
    [
      'services.*.dns_search',
      'services.*.tmpfs',
      ...['cache_from', 'cache_to', 'no_cache_filter', 'tags', 'platforms'].map(
        (key) => `services.*.build.${key}`,
      ),
    ],
    (value) => (typeof value === 'string' ? [value] : value),
  ),
  {
    pattern: 'services.*.expose',
    apply: (value) =>
      typeof value === 'string' ? [value] : Array.isArray(value) ? value.map(formatGoScalar) : value,
  },
  ...rulesFor(['services.*.extra_hosts', 'services.*.build.extra_hosts'], readWith(parseExtraHosts)),
  ...rulesFor(['services.*.ulimits.*', 'services.*.build.ulimits.*'], readWith(parseUlimit)),
  ...rulesFor(
    ['services.*.secrets.*.mode', 'services.*.configs.*.mode', 'services.*.build.secrets.*.mode'],
    readWith(parseFileMode),
  ),
];

function parseShellCommand(value: unknown): ParseResult<unknown> {
  if (typeof value === 'string') return splitShellWords(value);
  if (Array.isArray(value)) return parsed(value.map(formatGoScalar));
  return parsed(value);
}

function parseHealthCheckTest(value: unknown): ParseResult<string[]> {
  if (typeof value === 'string') return parsed(['CMD-SHELL', value]);
  if (Array.isArray(value)) return parsed(value.map(formatGoScalar));
  return failed(`unexpected value type ${goTypeName(value)} for healthcheck.test`);
}

function parseNanoCpus(value: unknown): ParseResult<number> {
  if (typeof value === 'number') return parsed(value);
  if (typeof value === 'string' && isGoFloat(value)) return parsed(Number(value));
  return failed(`unexpected value ${formatGoScalar(value)} for cpus`);
}

/** `count: all` is -1 in compose-go's model, which is also what it prints. */
function parseDeviceCount(value: unknown): ParseResult<number> {
  if (typeof value === 'number' && Number.isInteger(value)) return parsed(value);
  if (typeof value === 'string') {
    if (value.toLowerCase() === 'all') return parsed(-1);
    if (isGoInteger(value)) return parsed(Number(value));
    return failed(`invalid value ${JSON.stringify(value)}, the only value allowed is 'all' or a number`);
  }
  return failed(`invalid type ${goTypeName(value)} for device count`);
}

/** One number sets both limits (`single`); a mapping gives `soft` and `hard` apart. */
function parseUlimit(value: unknown): ParseResult<unknown> {
  if (typeof value === 'number' && Number.isInteger(value)) return parsed({ single: value });
  if (typeof value === 'string' && isGoInteger(value)) return parsed({ single: Number(value) });
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return parsed(value);
  return failed(`unexpected value type ${goTypeName(value)} for ulimit`);
}

/** A file mode as a number; text is read as octal (`"0440"`), as compose-go reads it. */
function parseFileMode(value: unknown): ParseResult<number> {
  if (typeof value === 'number' && Number.isInteger(value)) return parsed(value);
  if (typeof value === 'string') {
    if (/^[+-]?[0-7]+$/.test(value)) return parsed(Number.parseInt(value, 8));
    return failed(`strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`);
  }
  return failed(`unexpected value type ${goTypeName(value)} for mode`);
}
