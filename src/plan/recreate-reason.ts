/**
 * Whether an existing container must be replaced, and why (docker compose's mustRecreate, with
 * the reason kept): the policy first (`--force-recreate`, `--no-recreate`), then a parent whose
 * namespaces or volumes it shares being recreated, then its config hash, the image it was created
 * from, and — for a running container — a network or named volume it should have but lacks.
 */
import { compareText } from './compare-text.js';
import type { ServiceConfig } from '../compose/project.js';
import type { ObservedContainer } from './observed-state.js';
import type { RecreatePolicy } from './reconcile-options.js';
import type { ReconcileContext } from './reconcile-context.js';
import { shortHash } from './short-hash.js';

export interface ExpectedService {
  readonly service: ServiceConfig;
  /** The hash of the service with its `service:` references resolved. */
  readonly hash: string;
  /** The id of the image the service should run, when the image is present. */
  readonly imageId?: string;
  /** A namespace or volumes parent recreated by this plan. */
  readonly recreatedParent?: string;
  readonly policy: RecreatePolicy;
}

export function recreateReason(
  context: ReconcileContext,
  expected: ExpectedService,
  container: ObservedContainer,
): string | undefined {
  switch (expected.policy) {
    case 'never':
      return undefined;
    case 'force':
      return 'forced recreate';
    case 'diverged':
      break;
    default:
      return assertNever(expected.policy);
  }
  if (expected.recreatedParent) return `${expected.recreatedParent} recreated`;
  if (container.configHash !== expected.hash) {
    return `config hash changed: ${shortHash(container.configHash) || '(none)'} → ${shortHash(expected.hash)}`;
  }
  if (expected.imageId !== undefined && container.imageLabel !== expected.imageId) {
    return `image changed: ${shortHash(container.imageLabel ?? '') || '(none)'} → ${shortHash(expected.imageId)}`;
  }
  if (container.state === 'running') {
    const missing = missingNetwork(context, expected.service, container);
    if (missing) return `not connected to network ${missing}`;
  }
  const volume = missingVolume(context, expected.service, container);
  return volume ? `volume ${volume} not mounted` : undefined;
}

/** A network the service joins that exists but that the container is not connected to. */
function missingNetwork(
  context: ReconcileContext,
  service: ServiceConfig,
  container: ObservedContainer,
): string | undefined {
  const connected = new Set(Object.values(container.networks));
  for (const key of Object.keys(service.networks ?? {}).sort(compareText)) {
    const network = context.networks.get(key);
    if (network?.id && !connected.has(network.id)) return network.name;
  }
  return undefined;
}

/** A named volume the service mounts that exists but that the container does not mount. */
function missingVolume(
  context: ReconcileContext,
  service: ServiceConfig,
  container: ObservedContainer,
): string | undefined {
  for (const volume of service.volumes ?? []) {
    if (volume.type !== 'volume' || !volume.source) continue;
    const name = context.volumes.get(volume.source)?.name;
    if (!name) continue;
    if (!container.mounts.some((mount) => mount.type === 'volume' && mount.name === name)) return name;
  }
  return undefined;
}

function assertNever(value: never): never {
  throw new Error(`unexpected recreate policy: ${String(value)}`);
}
