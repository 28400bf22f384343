/**
 * Scalars whose type compose-go's model fixes, coerced the way its mapstructure `cast` hook does:
 * text becomes a boolean or a number where the field is one (`privileged: "true"`,
 * `cpus: "0.5"`, `target: "80"`), and an integer becomes text where the field is a string
 * (`published: 8080` → `"8080"`, `user: 1000` → `"1000"`). Values that are already of the right
 * type pass through; text that does not read as the type is reported as unreadable.
 *
 * Interpolation casts the values it substituted in the same way; this table covers what the
 * user wrote literally, and what reaches the model when interpolation is off.
 */
import { rulesFor, type CanonicalContext, type CanonicalRule } from './canonical-context.js';
import { isGoFloat, isGoInteger } from './read-go-number.js';
import type { TreePath } from './tree-path.js';

const RESOURCES = ['limits', 'reservations'] as const;
const HOOKS = ['pre_start', 'post_start', 'pre_stop'] as const;
const FILE_REFERENCES = [
  'services.*.secrets.*',
  'services.*.configs.*',
  'services.*.build.secrets.*',
] as const;

const STRING_FIELDS = [
  ...[
    'user',
    'image',
    'container_name',
    'hostname',
    'domainname',
    'working_dir',
    'platform',
    'restart',
    'runtime',
    'stop_signal',
    'cgroup',
    'cgroup_parent',
    'cpuset',
    'ipc',
    'pid',
    'uts',
    'userns_mode',
    'isolation',
    'mac_address',
    'network_mode',
    'pull_policy',
  ].map((key) => `services.*.${key}`),
  ...['name', 'mode', 'host_ip', 'published', 'protocol', 'app_protocol'].map(
    (key) => `services.*.ports.*.${key}`,
  ),
  ...FILE_REFERENCES.flatMap((reference) =>
    ['source', 'target', 'uid', 'gid'].map((key) => `${reference}.${key}`),
  ),
  ...['context', 'dockerfile', 'target', 'network'].map((key) => `services.*.build.${key}`),
];

const INTEGER_FIELDS = [
  ...[
    'scale',
    'cpu_count',
    'cpu_period',
    'cpu_quota',
    'cpu_rt_period',
    'cpu_rt_runtime',
    'cpu_shares',
    'oom_score_adj',
    'pids_limit',
  ].map((key) => `services.*.${key}`),
  'services.*.ports.*.target',
  'services.*.healthcheck.retries',
  'services.*.deploy.replicas',
  'services.*.deploy.update_config.parallelism',
  'services.*.deploy.rollback_config.parallelism',
  'services.*.deploy.restart_policy.max_attempts',
  'services.*.deploy.placement.max_replicas_per_node',
  ...RESOURCES.map((kind) => `services.*.deploy.resources.${kind}.pids`),
  'services.*.networks.*.priority',
  'services.*.networks.*.gw_priority',
  ...['services.*.ulimits.*', 'services.*.build.ulimits.*'].flatMap((limit) => [
    `${limit}.soft`,
    `${limit}.hard`,
  ]),
  'services.*.blkio_config.weight',
  'services.*.blkio_config.weight_device.*.weight',
];

const FLOAT_FIELDS = [
  'services.*.cpus',
  'services.*.cpu_percent',
  'services.*.deploy.update_config.max_failure_ratio',
  'services.*.deploy.rollback_config.max_failure_ratio',
];

const BOOLEAN_FIELDS = [
  ...[
    'privileged',
    'read_only',
    'tty',
    'stdin_open',
    'init',
    'attach',
    'oom_kill_disable',
    'use_api_socket',
  ].map((key) => `services.*.${key}`),
  'services.*.depends_on.*.required',
  'services.*.depends_on.*.restart',
  'services.*.env_file.*.required',
  'services.*.volumes.*.read_only',
  'services.*.volumes.*.volume.nocopy',
  'services.*.volumes.*.bind.create_host_path',
  'services.*.healthcheck.disable',
  ...['no_cache', 'pull', 'privileged'].map((key) => `services.*.build.${key}`),
  'services.*.develop.watch.*.initial_sync',
  ...HOOKS.flatMap((hook) => [`services.*.${hook}.*.privileged`, `services.*.${hook}.*.per_replica`]),
  ...['networks', 'volumes', 'secrets', 'configs'].map((kind) => `${kind}.*.external`),
  ...['internal', 'attachable', 'enable_ipv4', 'enable_ipv6'].map((key) => `networks.*.${key}`),
];

export const scalarRules: readonly CanonicalRule[] = [
  ...rulesFor(STRING_FIELDS, (value) =>
    typeof value === 'number' && Number.isInteger(value) ? String(value) : value,
  ),
  ...rulesFor(INTEGER_FIELDS, (value, path, context) =>
    typeof value === 'string' ? readText(value, path, context, 'integer', readInteger) : value,
  ),
  ...rulesFor(FLOAT_FIELDS, (value, path, context) =>
    typeof value === 'string' ? readText(value, path, context, 'number', readFloat) : value,
  ),
  ...rulesFor(BOOLEAN_FIELDS, (value, path, context) =>
    typeof value === 'string'
      ? readText(value, path, context, 'boolean', (text) => readBoolean(text, context))
      : value,
  ),
];

function readText<T>(
  text: string,
  path: TreePath,
  context: CanonicalContext,
  kind: string,
  read: (text: string) => T | undefined,
): unknown {
  const value = read(text);
  return value === undefined ? context.unreadable(text, path, `invalid ${kind}: ${text}`) : value;
}

function readInteger(text: string): number | undefined {
  return isGoInteger(text) ? Number(text) : undefined;
}

function readFloat(text: string): number | undefined {
  return isGoFloat(text) ? Number(text) : undefined;
}

/** YAML 1.1 spellings are still read, with the warning compose-go gives. */
function readBoolean(text: string, context: CanonicalContext): boolean | undefined {
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  const yes = ['y', 'yes', 'on'].includes(lower);
  if (!yes && !['n', 'no', 'off'].includes(lower)) return undefined;
  context.warn(
    `"${text}" for boolean is not supported by YAML 1.2, please use \`${yes ? 'true' : 'false'}\``,
  );
  return yes;
}
