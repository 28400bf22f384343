/**
 * The networks the services in scope use: create the missing ones; check that one found under the
 * wanted name is the project's (docker compose's warnings when it was made by hand or by another
 * project, and its error when its `com.docker.compose.network` label names another key); and
 * recreate one whose recorded config hash differs from the file's, moving the attached
 * containers over (stop, disconnect, remove, create, reconnect) rather than recreating them.
 */
import { compareText } from './compare-text.js';
import type { NetworkConfig } from '../compose/project.js';
import { CONFIG_HASH_LABEL, NETWORK_LABEL, PROJECT_LABEL, resourceLabels } from './compose-labels.js';
import type { ObservedContainer } from './observed-state.js';
import type { PlanNode } from './plan.js';
import {
  servicesUsingNetwork,
  serviceConfig,
  timeoutOf,
  type ReconcileContext,
} from './reconcile-context.js';
import { networkConfigHash } from './resource-hash.js';
import { shortHash } from './short-hash.js';

export function reconcileNetworks(context: ReconcileContext): void {
  const { project } = context;
  for (const key of networksInScope(context)) {
    const network = project.networks?.[key] ?? {};
    const name = network.name ?? `${project.name}_${key}`;
    const found = context.observed.networks.find((candidate) => candidate.name === name);
    if (network.external) {
      if (found) context.networks.set(key, found);
      else context.errors.push(`network ${name} declared as external, but could not be found`);
      continue;
    }
    const hash = networkConfigHash(network);
    if (!found) {
      createNetwork(context, key, name, network, hash, 'not found');
      continue;
    }
    const owner = found.labels[PROJECT_LABEL];
    if (owner === undefined) {
      context.warnings.push(
        `a network with name ${name} exists but was not created by compose.\n` +
          'Set `external: true` to use an existing network',
      );
    } else if (owner !== project.name) {
      context.warnings.push(
        `a network with name ${name} exists but was not created for project "${project.name}".\n` +
          'Set `external: true` to use an existing network',
      );
    }
    const keyLabel = found.labels[NETWORK_LABEL] ?? '';
    if (keyLabel !== key) {
      context.errors.push(
        `network ${name} was found but has incorrect label ${NETWORK_LABEL} set to ${JSON.stringify(keyLabel)}`,
      );
      continue;
    }
    context.networks.set(key, found);
    const recorded = found.labels[CONFIG_HASH_LABEL];
    if (recorded && recorded !== hash)
      recreateNetwork(context, key, network, `${shortHash(recorded)} → ${shortHash(hash)}`);
  }
}

/** Keys of the networks the services in scope join, sorted. */
function networksInScope(context: ReconcileContext): string[] {
  const keys = new Set<string>();
  for (const name of context.inScope) {
    for (const key of Object.keys(serviceConfig(context, name).networks ?? {})) keys.add(key);
  }
  return [...keys].filter((key) => key in (context.project.networks ?? {})).sort(compareText);
}

function createNetwork(
  context: ReconcileContext,
  key: string,
  name: string,
  network: NetworkConfig,
  hash: string,
  reason: string,
  after: PlanNode[] = [],
): PlanNode {
  const labels = resourceLabels({
    kind: 'network',
    projectName: context.project.name,
    key,
    version: context.options.version,
    userLabels: network.labels,
    configHash: hash,
  });
  const node = context.plan.add({ kind: 'create-network', key, name, network, labels, reason }, after);
  context.networkNodes.set(key, node);
  return node;
}

/**
 * stop + disconnect every attached container → remove → create → reconnect each one. A container
 * is stopped once even when several of its networks change (or when it is recreated later: that
 * stage reuses the stop and waits for the reconnects before removing the old container).
 */
function recreateNetwork(
  context: ReconcileContext,
  key: string,
  network: NetworkConfig,
  change: string,
): void {
  const observed = context.networks.get(key);
  if (!observed) return;
  const attached: ObservedContainer[] = servicesUsingNetwork(context, key).flatMap(
    (service) => context.containers.get(service) ?? [],
  );
  const disconnects = attached.map((container) => {
    let stop = context.stoppedByPlan.get(container.id);
    if (!stop) {
      stop = context.plan.add({
        kind: 'stop-container',
        service: container.service,
        number: container.number,
        container,
        ...timeoutOf(context),
        reason: `network ${key} config changed`,
      });
      context.stoppedByPlan.set(container.id, stop);
      context.restartReasons.set(container.id, `network ${key} recreated`);
    }
    return context.plan.add(
      {
        kind: 'disconnect-network',
        key,
        network: observed.name,
        service: container.service,
        number: container.number,
        container,
        reason: `network ${key} recreated`,
      },
      [stop],
    );
  });
  const remove = context.plan.add(
    { kind: 'remove-network', key, name: observed.name, reason: `config hash changed: ${change}` },
    disconnects,
  );
  const name = network.name ?? `${context.project.name}_${key}`;
  const create = createNetwork(
    context,
    key,
    name,
    network,
    networkConfigHash(network),
    `config hash changed: ${change}`,
    [remove],
  );
  for (const container of attached) {
    const connect = context.plan.add(
      {
        kind: 'connect-network',
        key,
        network: name,
        service: container.service,
        number: container.number,
        container,
        reason: `network ${key} recreated`,
      },
      [create],
    );
    context.connectNodes.set(container.id, [...(context.connectNodes.get(container.id) ?? []), connect]);
  }
}
