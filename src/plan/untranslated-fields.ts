/**
 * Which service fields reach the engine, and which would be dropped silently if nobody said so
 * (nerdctl's warnUnknownFields): every field a service sets is either translated into the create
 * request (container-request.ts and its helpers), used by another part of tscompose (build,
 * pull, scaling, ordering, watch …), or listed here as not supported yet, and the plan warns
 * about those. A new compose field therefore shows up as a warning until someone decides.
 */
import type { Project, ServiceConfig } from '../compose/project.js';

/** Fields container-request.ts translates. */
export const TRANSLATED_FIELDS: ReadonlySet<string> = new Set([
  'annotations',
  'cap_add',
  'cap_drop',
  'cgroup',
  'command',
  'configs',
  'cpu_period',
  'cpu_quota',
  'cpu_shares',
  'cpus',
  'cpuset',
  'devices',
  'dns',
  'dns_opt',
  'dns_search',
  'domainname',
  'entrypoint',
  'environment',
  'expose',
  'extra_hosts',
  'group_add',
  'healthcheck',
  'hostname',
  'image',
  'init',
  'ipc',
  'isolation',
  'labels',
  'logging',
  'mac_address',
  'mem_limit',
  'mem_reservation',
  'memswap_limit',
  'network_mode',
  'networks',
  'oom_kill_disable',
  'oom_score_adj',
  'pid',
  'pids_limit',
  'ports',
  'privileged',
  'read_only',
  'restart',
  'runtime',
  'secrets',
  'security_opt',
  'shm_size',
  'stdin_open',
  'stop_grace_period',
  'stop_signal',
  'storage_opt',
  'sysctls',
  'tmpfs',
  'tty',
  'ulimits',
  'user',
  'userns_mode',
  'uts',
  'volume_driver',
  'volumes',
  'volumes_from',
  'working_dir',
]);

/** Fields other parts of tscompose act on: they are not container settings. */
export const HANDLED_ELSEWHERE: ReadonlySet<string> = new Set([
  'attach', // up: whose logs to follow
  'build', // build
  'container_name', // the container's name
  'depends_on', // the plan's order and waits
  'deploy', // replicas, restart policy and resources here; the swarm-only rest has no meaning
  'develop', // watch
  'env_file', // merged into environment by the loader
  'extends', // resolved by the loader
  'label_file', // merged into labels by the loader
  'links', // service names resolve through the networks' DNS
  'platform', // pull
  'profiles', // the loader's selection
  'pull_policy', // pull
  'scale', // the plan's replica count
]);

/** `deploy` keys that are translated or handled; swarm-only keys are ignored like docker compose does. */
const DEPLOY_SWARM_ONLY = new Set([
  'mode',
  'labels',
  'update_config',
  'rollback_config',
  'placement',
  'endpoint_mode',
]);
const DEPLOY_RESOURCE_LIMITS = new Set(['cpus', 'memory', 'pids']);
const DEPLOY_RESOURCE_RESERVATIONS = new Set(['memory', 'cpus']);

/**
 * The fields the service sets that nothing translates yet, sorted (`links` aliases, swarm-free
 * `deploy` settings like device reservations and network options included, in dotted form).
 */
export function untranslatedFields(service: ServiceConfig, project: Project): string[] {
  const found = new Set<string>();
  for (const [field, value] of Object.entries(service)) {
    if (field.startsWith('x-') || value === undefined || value === null) continue;
    if (!TRANSLATED_FIELDS.has(field) && !HANDLED_ELSEWHERE.has(field)) found.add(field);
  }
  for (const link of service.links ?? []) {
    const [target, alias] = link.split(':');
    if (alias !== undefined && alias !== target) found.add('links (aliases)');
  }
  for (const volume of service.volumes ?? []) {
    if (volume.type === 'image' || volume.type === 'npipe' || volume.type === 'cluster')
      found.add(`volumes (type ${volume.type})`);
  }
  for (const [kind, references, definitions] of [
    ['secrets', service.secrets, project.secrets],
    ['configs', service.configs, project.configs],
  ] as const) {
    for (const reference of references ?? []) {
      if (!definitions?.[reference.source]?.file) found.add(`${kind} (not from a file)`);
      if (reference.uid !== undefined || reference.gid !== undefined || reference.mode !== undefined) {
        found.add(`${kind} (uid, gid, mode)`);
      }
    }
  }
  for (const network of Object.values(service.networks ?? {})) {
    for (const key of ['gw_priority', 'interface_name', 'link_local_ips'] as const) {
      if (network?.[key] !== undefined) found.add(`networks.${key}`);
    }
  }
  for (const key of deployKeys(service.deploy)) found.add(key);
  return [...found].sort();
}

function deployKeys(deploy: unknown): string[] {
  if (!deploy || typeof deploy !== 'object') return [];
  const keys: string[] = [];
  const resources = (deploy as { resources?: Record<string, Record<string, unknown> | undefined> }).resources;
  for (const [key, value] of Object.entries(deploy)) {
    if (value === undefined || value === null || DEPLOY_SWARM_ONLY.has(key)) continue;
    if (key !== 'replicas' && key !== 'restart_policy' && key !== 'resources') keys.push(`deploy.${key}`);
  }
  for (const [part, allowed] of [
    ['limits', DEPLOY_RESOURCE_LIMITS],
    ['reservations', DEPLOY_RESOURCE_RESERVATIONS],
  ] as const) {
    for (const [key, value] of Object.entries(resources?.[part] ?? {})) {
      if (value !== undefined && !allowed.has(key)) keys.push(`deploy.resources.${part}.${key}`);
    }
  }
  return keys;
}
