/**
 * The named volumes the services in scope mount: create the missing ones, warn when one found
 * under the wanted name was made by hand or by another project (docker compose reuses it as is),
 * and, for one whose recorded config hash differs, either keep it with a warning or — when the
 * user agreed, since its data is lost — remove the containers using it, recreate it, and let the
 * services get fresh containers.
 */
import { compareText } from './compare-text.js';
import type { Project, ServiceConfig } from '../compose/project.js';
import { CONFIG_HASH_LABEL, PROJECT_LABEL, resourceLabels } from './compose-labels.js';
import type { ObservedState, ObservedVolume } from './observed-state.js';
import type { PlanNode } from './plan.js';
import { serviceConfig, timeoutOf, type ReconcileContext } from './reconcile-context.js';
import { volumeConfigHash } from './resource-hash.js';
import { shortHash } from './short-hash.js';

export function reconcileVolumes(context: ReconcileContext): void {
  const { project } = context;
  const diverged: string[] = [];
  for (const key of volumesInScope(context)) {
    const volume = project.volumes?.[key] ?? {};
    const name = volumeName(project, key);
    const found = context.observed.volumes.find((candidate) => candidate.name === name);
    if (volume.external) {
      if (found) context.volumes.set(key, found);
      else context.errors.push(`external volume ${JSON.stringify(name)} not found`);
      continue;
    }
    const hash = volumeConfigHash(volume);
    if (!found) {
      createVolume(context, key, hash, 'not found');
      continue;
    }
    context.volumes.set(key, found);
    const owner = found.labels[PROJECT_LABEL];
    if (owner === undefined) {
      context.warnings.push(
        `volume ${JSON.stringify(name)} already exists but was not created by Docker Compose. ` +
          'Use `external: true` to use an existing volume',
      );
      continue;
    }
    if (owner !== project.name) {
      context.warnings.push(
        `volume ${JSON.stringify(name)} already exists but was created for project ${JSON.stringify(owner)} ` +
          `(expected ${JSON.stringify(project.name)}). Use \`external: true\` to use an existing volume`,
      );
      continue;
    }
    if (!isDiverged(found, hash)) continue;
    if (context.options.recreateVolumes?.includes(key)) diverged.push(key);
    else {
      context.warnings.push(
        `volume ${JSON.stringify(name)} exists but doesn't match configuration in compose file; ` +
          'kept as is (recreating it would lose its data)',
      );
    }
  }
  recreateVolumes(context, diverged);
}

export interface DivergedVolume {
  readonly key: string;
  readonly name: string;
  /** Docker compose's question, for the command to ask before reconciling. */
  readonly question: string;
}

/**
 * The project's volumes that exist, belong to it, and no longer match the file: the ones worth a
 * "recreate (data will be lost)?" question. The answers go back in `recreateVolumes`.
 */
export function divergedVolumes(project: Project, observed: ObservedState): DivergedVolume[] {
  const result: DivergedVolume[] = [];
  for (const [key, volume] of Object.entries(project.volumes ?? {}).sort(([a], [b]) => compareText(a, b))) {
    if (volume.external) continue;
    const name = volumeName(project, key);
    const found = observed.volumes.find((candidate) => candidate.name === name);
    if (!found || found.labels[PROJECT_LABEL] !== project.name) continue;
    if (!isDiverged(found, volumeConfigHash(volume))) continue;
    result.push({
      key,
      name,
      question: `Volume ${JSON.stringify(name)} exists but doesn't match configuration in compose file. Recreate (data will be lost)?`,
    });
  }
  return result;
}

function isDiverged(found: ObservedVolume, hash: string): boolean {
  const recorded = found.labels[CONFIG_HASH_LABEL];
  return recorded !== undefined && recorded !== '' && recorded !== hash;
}

function volumeName(project: Project, key: string): string {
  return project.volumes?.[key]?.name ?? `${project.name}_${key}`;
}

/** Keys of the project volumes the services in scope mount, sorted. */
function volumesInScope(context: ReconcileContext): string[] {
  const keys = new Set<string>();
  for (const name of context.inScope) {
    for (const key of namedVolumesOf(serviceConfig(context, name))) keys.add(key);
  }
  return [...keys].filter((key) => key in (context.project.volumes ?? {})).sort(compareText);
}

function namedVolumesOf(service: ServiceConfig): string[] {
  return (service.volumes ?? [])
    .filter((volume) => volume.type === 'volume' && volume.source)
    .map((volume) => volume.source as string);
}

function createVolume(
  context: ReconcileContext,
  key: string,
  hash: string,
  reason: string,
  after: PlanNode[] = [],
): void {
  const volume = context.project.volumes?.[key] ?? {};
  const labels = resourceLabels({
    kind: 'volume',
    projectName: context.project.name,
    key,
    version: context.options.version,
    userLabels: volume.labels,
    configHash: hash,
  });
  const node = context.plan.add(
    { kind: 'create-volume', key, name: volumeName(context.project, key), volume, labels, reason },
    after,
  );
  context.volumeNodes.set(key, node);
}

/**
 * stop + remove every container using the volumes (directly or through `volumes_from`) → remove
 * each volume → create it again. The services' containers are then treated as absent, so the
 * container stage creates fresh ones after the new volume.
 */
function recreateVolumes(context: ReconcileContext, keys: readonly string[]): void {
  if (keys.length === 0) return;
  const services = new Set<string>();
  for (const key of keys) for (const service of servicesUsingVolume(context, key)) services.add(service);
  const removes: PlanNode[] = [];
  for (const service of [...services].sort(compareText)) {
    for (const container of context.containers.get(service) ?? []) {
      let stop = context.stoppedByPlan.get(container.id);
      if (!stop) {
        stop = context.plan.add({
          kind: 'stop-container',
          service,
          number: container.number,
          container,
          ...timeoutOf(context),
          reason: 'mounted volume config changed',
        });
        context.stoppedByPlan.set(container.id, stop);
      }
      removes.push(
        context.plan.add(
          {
            kind: 'remove-container',
            service,
            number: container.number,
            container,
            reason: 'mounted volume config changed',
          },
          [stop],
        ),
      );
    }
  }
  for (const key of keys) {
    const observed = context.volumes.get(key);
    const hash = volumeConfigHash(context.project.volumes?.[key] ?? {});
    const change = `${shortHash(observed?.labels[CONFIG_HASH_LABEL] ?? '')} → ${shortHash(hash)}`;
    const remove = context.plan.add(
      {
        kind: 'remove-volume',
        key,
        name: observed?.name ?? volumeName(context.project, key),
        reason: `config hash changed: ${change}`,
      },
      removes,
    );
    createVolume(context, key, hash, `config hash changed: ${change}`, [remove]);
  }
  for (const service of services) {
    context.recreatedServices.add(service);
    context.containers.set(service, []);
    const volumes = keys.filter((key) => servicesUsingVolume(context, key).includes(service));
    context.replacedServices.set(service, `volume ${volumes.join(', ')} recreated`);
  }
}

/**
 * Services whose containers hold the volume: those mounting it, and, transitively, those taking
 * their volumes with `volumes_from` (the engine refuses to remove a volume any container uses).
 */
function servicesUsingVolume(context: ReconcileContext, key: string): string[] {
  const using = new Set<string>();
  const all = Object.keys(context.project.services).sort(compareText);
  for (const name of all) if (namedVolumesOf(serviceConfig(context, name)).includes(key)) using.add(name);
  let grown = true;
  while (grown) {
    grown = false;
    for (const name of all) {
      if (using.has(name)) continue;
      const sources = (serviceConfig(context, name).volumes_from ?? [])
        .filter((entry) => !entry.startsWith('container:'))
        .map((entry) => entry.split(':')[0] ?? '');
      if (sources.some((source) => using.has(source))) {
        using.add(name);
        grown = true;
      }
    }
  }
  return [...using].sort(compareText);
}
