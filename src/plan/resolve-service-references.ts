/**
 * A service's references to other services' containers (`network_mode: service:db`,
 * `ipc: service:db`, `pid: service:db`, `volumes_from: [db]`) replaced by container ids, as docker
 * compose does before it hashes a service and before it creates its container. Hashing the
 * resolved form is what makes a service whose namespace parent was recreated (new id) diverge.
 *
 * Differs from docker compose on purpose in one place: a `volumes_from` access mode (`db:ro`) is
 * kept (`<id>:ro`); docker compose drops it, which silently makes the mount writable.
 */
import type { ServiceConfig } from '../compose/project.js';

/** The id of the container a reference to `service` means (the first by name), if there is one. */
export type ContainerIdLookup = (service: string) => string | undefined;

export interface ResolvedService {
  readonly service: ServiceConfig;
  /** Services referenced but with no container: docker compose's "container missing" errors. */
  readonly missing: readonly MissingReference[];
}

export interface MissingReference {
  readonly field: 'network_mode' | 'ipc' | 'pid' | 'volumes_from';
  readonly service: string;
}

const SERVICE_PREFIX = 'service:';
const CONTAINER_PREFIX = 'container:';

export function resolveServiceReferences(
  service: ServiceConfig,
  containerIdOf: ContainerIdLookup,
): ResolvedService {
  const missing: MissingReference[] = [];
  const resolved: ServiceConfig = { ...service };
  for (const field of ['network_mode', 'ipc', 'pid'] as const) {
    const mode = service[field];
    if (typeof mode !== 'string' || !mode.startsWith(SERVICE_PREFIX)) continue;
    const target = mode.slice(SERVICE_PREFIX.length);
    const id = containerIdOf(target);
    if (id === undefined) missing.push({ field, service: target });
    else resolved[field] = CONTAINER_PREFIX + id;
  }
  if (Array.isArray(service.volumes_from)) {
    resolved.volumes_from = service.volumes_from.map((entry) => {
      if (entry.startsWith(CONTAINER_PREFIX)) return entry.slice(CONTAINER_PREFIX.length);
      const [target = '', mode] = entry.split(':');
      const id = containerIdOf(target);
      if (id === undefined) {
        missing.push({ field: 'volumes_from', service: target });
        return entry;
      }
      return mode ? `${id}:${mode}` : id;
    });
  }
  return { service: resolved, missing };
}

/** The service another service shares a namespace with (`service:db` → `db`), if any. */
export function serviceOfMode(mode: unknown): string | undefined {
  return typeof mode === 'string' && mode.startsWith(SERVICE_PREFIX)
    ? mode.slice(SERVICE_PREFIX.length)
    : undefined;
}

/** The services whose containers this service reuses (namespaces, volumes_from). */
export function sharedParents(service: ServiceConfig): string[] {
  const parents = new Set<string>();
  for (const mode of [service.network_mode, service.ipc, service.pid]) {
    const parent = serviceOfMode(mode);
    if (parent) parents.add(parent);
  }
  for (const entry of service.volumes_from ?? []) {
    if (entry.startsWith(CONTAINER_PREFIX)) continue;
    const [target] = entry.split(':');
    if (target) parents.add(target);
  }
  return [...parents].sort();
}

/** What the user reads when a referenced container is missing (docker compose's wording). */
export function describeMissingReference(reference: MissingReference): string {
  switch (reference.field) {
    case 'network_mode':
      return `cannot share network namespace with service ${reference.service}: container missing`;
    case 'ipc':
      return `cannot share IPC namespace with service ${reference.service}: container missing`;
    case 'pid':
      return `cannot share PID namespace with service ${reference.service}: container missing`;
    case 'volumes_from':
      return `cannot share volume with service ${reference.service}: container missing`;
    default:
      return assertNever(reference.field);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected reference field: ${String(value)}`);
}
