/**
 * One plan node, done against the engine: the engine call its operation names, framed by the
 * progress events docker compose shows for it. No decisions are made here (the reconciler made
 * them); only the engine's "nothing to do" answers (304 on start and stop, 404 on removing what is
 * already gone) count as done.
 *
 * The nodes of a replacement (`recreate:web:1`: create, stop, remove, rename) show as one
 * container going `Recreate` → `Recreated`, as in docker compose.
 */
import type Docker from 'dockerode';
import type { Project } from '../compose/project.js';
import type { ProjectLabelContext } from '../plan/compose-labels.js';
import { buildContainerRequest } from '../plan/container-request.js';
import { serviceImageName } from '../plan/container-name.js';
import { networkSettings } from '../plan/container-networking.js';
import type { Operation } from '../plan/operation.js';
import type { PlanNode } from '../plan/plan.js';
import type { EventResource, ProgressEvent } from '../ui/progress-event.js';
import type { Reporter } from '../ui/reporter.js';
import type { ContainerEvents } from './container-events.js';
import { toEngineError } from './engine-error.js';
import type { ExecutionState } from './execution-state.js';
import { localImage } from './local-image.js';
import { networkCreateRequest, volumeCreateRequest } from './resource-requests.js';
import { waitForDependencies } from './wait-dependencies.js';
import { trace } from '../../runtime/api/trace.js';

export interface OperationContext {
  readonly docker: Docker;
  readonly project: Project;
  readonly labels: ProjectLabelContext;
  /** Image reference → local image id, as observed (after pulling). */
  readonly images: Readonly<Record<string, string>>;
  readonly reporter: Reporter;
  readonly clock: () => number;
  /** The project's container events, opened on first need (only starts that wait need them). */
  readonly events: () => Promise<ContainerEvents>;
  /** `down -v`: removing a container removes its anonymous volumes too. */
  readonly removeAnonymousVolumes: boolean;
  readonly state: ExecutionState;
}

/** Reports an event about a resource, stamped with the executor's clock. */
export type Emit = (
  resource: EventResource,
  event: DistributiveOmit<ProgressEvent, 'time' | 'resource'>,
) => void;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export async function runOperation(node: PlanNode, context: OperationContext): Promise<void> {
  const op = node.operation;
  const emit: Emit = (resource, event) => {
    trace(`event ${resource.name} ${event.kind}`);
    context.reporter.event({ time: context.clock(), resource, ...event } as ProgressEvent);
  };
  // Inside a replacement, only its create and rename speak.
  const quiet = node.group !== undefined;
  switch (op.kind) {
    case 'create-network':
      return step(emit, { type: 'network', name: op.name }, ['creating', 'created'], async () => {
        await engine(`create network ${op.name}`, () =>
          context.docker.createNetwork(
            networkCreateRequest(op.name, op.network, op.labels) as Docker.NetworkCreateOptions,
          ),
        );
      });
    case 'remove-network':
      return step(emit, { type: 'network', name: op.name }, ['removing', 'removed'], () =>
        ignoreStatus([404], `remove network ${op.name}`, () => context.docker.getNetwork(op.name).remove()),
      );
    case 'create-volume':
      return step(emit, { type: 'volume', name: op.name }, ['creating', 'created'], async () => {
        await engine(`create volume ${op.name}`, () =>
          context.docker.createVolume(volumeCreateRequest(op.name, op.volume, op.labels)),
        );
      });
    case 'remove-volume':
      return step(emit, { type: 'volume', name: op.name }, ['removing', 'removed'], () =>
        ignoreStatus([404], `remove volume ${op.name}`, () => context.docker.getVolume(op.name).remove()),
      );
    case 'connect-network':
      return engine(`connect ${op.container.name} to ${op.network}`, () =>
        context.docker.getNetwork(op.network).connect({
          Container: op.container.id,
          EndpointConfig: endpointFor(context.project, op.service, op.container.name, op.network),
        }),
      );
    case 'disconnect-network':
      return ignoreStatus([404], `disconnect ${op.container.name} from ${op.network}`, () =>
        context.docker.getNetwork(op.network).disconnect({ Container: op.container.id, Force: true }),
      );
    case 'create-container':
      return createContainer(node.id, op, context, emit);
    case 'rename-container': {
      const created = context.state.createdBy(op.created);
      await engine(`rename ${created.name}`, () =>
        context.docker.getContainer(created.id).rename({ name: op.name }),
      );
      context.state.renamed(op.created, op.name);
      emit(containerResource(op.name, op.service), { kind: 'recreated' });
      return;
    }
    case 'start-container':
      return startContainer(op, context, emit);
    case 'stop-container': {
      const resource = containerResource(op.container.name, op.service);
      const stop = () =>
        ignoreStatus([304, 404], `stop ${op.container.name}`, () =>
          context.docker
            .getContainer(op.container.id)
            .stop(op.timeout !== undefined ? { t: op.timeout } : {}),
        );
      return quiet ? stop() : step(emit, resource, ['stopping', 'stopped'], stop);
    }
    case 'remove-container': {
      const resource = containerResource(op.container.name, op.service);
      const remove = async () => {
        await ignoreStatus([404], `remove ${op.container.name}`, () =>
          context.docker
            .getContainer(op.container.id)
            .remove({ force: true, v: context.removeAnonymousVolumes }),
        );
        context.state.removed(op.container.id);
      };
      return quiet ? remove() : step(emit, resource, ['removing', 'removed'], remove);
    }
    default:
      return assertNever(op);
  }
}

async function createContainer(
  nodeId: number,
  op: Extract<Operation, { kind: 'create-container' }>,
  context: OperationContext,
  emit: Emit,
): Promise<void> {
  const service = context.project.services[op.service] ?? {};
  const reference = serviceImageName(context.project.name, op.service, service);
  const imageId = context.images[reference];
  const imageVolumes = op.replaces ? await declaredVolumes(context.docker, reference) : undefined;
  const request = buildContainerRequest({
    project: context.project,
    labels: context.labels,
    serviceName: op.service,
    number: op.number,
    containerIdOf: (target) => context.state.containersOf(target)[0]?.id,
    ...(imageId ? { imageId } : {}),
    ...(op.replaces ? { inherit: op.replaces.mounts } : {}),
    ...(imageVolumes ? { imageVolumes } : {}),
  });
  const finalName = op.replaces ? request.name : op.name;
  const resource = containerResource(finalName, op.service);
  emit(resource, { kind: op.replaces ? 'recreating' : 'creating' });
  const created = await engine(`create container ${finalName}`, () =>
    // `_query` and `_body` keep dockerode from copying the whole request into the query string.
    context.docker.createContainer({
      _query: { name: op.name },
      _body: request.body,
    } as Docker.ContainerCreateOptions),
  );
  context.state.created(nodeId, { id: created.id, name: op.name, service: op.service, number: op.number });
  if (!op.replaces) emit(resource, { kind: 'created' });
}

async function startContainer(
  op: Extract<Operation, { kind: 'start-container' }>,
  context: OperationContext,
  emit: Emit,
): Promise<void> {
  const target =
    op.target.kind === 'existing'
      ? { id: op.target.container.id, name: op.target.container.name }
      : context.state.createdBy(op.target.node);
  const resource = containerResource(op.name, op.service);
  if (op.waitFor.length > 0) await waitForDependencies(op.service, resource, op.waitFor, context, emit);
  emit(resource, { kind: 'starting' });
  await ignoreStatus([304], `start ${op.name}`, () => context.docker.getContainer(target.id).start());
  emit(resource, { kind: 'started' });
}

function endpointFor(project: Project, service: string, containerName: string, network: string): object {
  const config = project.services[service];
  if (!config) return {};
  const settings = networkSettings({ project, serviceName: service, service: config, containerName });
  return settings.NetworkingConfig?.EndpointsConfig?.[network] ?? {};
}

async function declaredVolumes(docker: Docker, reference: string): Promise<string[] | undefined> {
  const image = await localImage(docker, reference);
  const volumes = image?.Config?.Volumes;
  return volumes ? Object.keys(volumes) : undefined;
}

export function containerResource(name: string, service: string): EventResource {
  return { type: 'container', name, service };
}

async function step(
  emit: Emit,
  resource: EventResource,
  [working, done]: readonly ['creating' | 'removing' | 'stopping', 'created' | 'removed' | 'stopped'],
  work: () => Promise<unknown>,
): Promise<void> {
  emit(resource, { kind: working });
  await work();
  emit(resource, { kind: done });
}

/** An engine call whose failure is named after the operation (`create container demo-web-1: …`). */
export async function engine<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toEngineError(operation, error);
  }
}

/** An engine call where the given statuses mean the work is already done (304 started, 404 gone). */
async function ignoreStatus(
  statuses: readonly number[],
  operation: string,
  call: () => Promise<unknown>,
): Promise<void> {
  try {
    await call();
  } catch (error) {
    const failure = toEngineError(operation, error);
    if (failure.statusCode !== undefined && statuses.includes(failure.statusCode)) return;
    throw failure;
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected operation: ${JSON.stringify(value)}`);
}
