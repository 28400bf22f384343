// A model of the engine for plan tests: applies a plan's operations to an ObservedState the way
// the engine would, so a test can run `up`, change the file and run `up` again without an
// engine. Containers get their labels from the real buildContainerRequest, so the test also
// proves that what the reconciler expects is what the create request writes.
import type { Project } from '../../src/compose/project.js';
import { buildContainerRequest } from '../../src/plan/container-request.js';
import { serviceImageName } from '../../src/plan/container-name.js';
import { observeContainerSummary } from '../../src/plan/read-observed-container.js';
import type { ObservedContainer, ObservedMount, ObservedState } from '../../src/plan/observed-state.js';
import type { Plan } from '../../src/plan/plan.js';

export const LABEL_CONTEXT = {
  projectName: 'demo',
  workingDir: '/project',
  configFiles: ['/project/compose.yaml'],
  version: '0.1.0',
};

export function simulatePlan(project: Project, plan: Plan, before: ObservedState): ObservedState {
  let containers = [...before.containers];
  let networks = [...before.networks];
  let volumes = [...before.volumes];
  const createdBy = new Map<number, string>();
  let counter = before.containers.length + 100;
  const replace = (id: string, change: (c: ObservedContainer) => ObservedContainer): void => {
    containers = containers.map((c) => (c.id === id ? change(c) : c));
  };
  for (const node of plan.nodes) {
    const op = node.operation;
    switch (op.kind) {
      case 'create-network':
        networks.push({ id: `net-${op.name}`, name: op.name, labels: op.labels });
        break;
      case 'remove-network':
        networks = networks.filter((n) => n.name !== op.name);
        break;
      case 'create-volume':
        volumes.push({ name: op.name, driver: 'local', labels: op.labels });
        break;
      case 'remove-volume':
        volumes = volumes.filter((v) => v.name !== op.name);
        break;
      case 'connect-network':
      case 'disconnect-network': {
        const id = networks.find((n) => n.name === op.network)?.id ?? '';
        replace(op.container.id, (c) => {
          const next = { ...c.networks };
          if (op.kind === 'connect-network') next[op.network] = id;
          else delete next[op.network];
          return { ...c, networks: next };
        });
        break;
      }
      case 'create-container': {
        const id = `id${String(++counter).padStart(10, '0')}`;
        const imageId =
          before.images[serviceImageName(project.name, op.service, project.services[op.service] ?? {})];
        const request = buildContainerRequest({
          project,
          labels: { ...LABEL_CONTEXT, projectName: project.name },
          serviceName: op.service,
          number: op.number,
          containerIdOf: (service) =>
            containers
              .filter((c) => c.service === service && !c.oneoff)
              .sort((a, b) => (a.name < b.name ? -1 : 1))[0]?.id,
          ...(imageId ? { imageId } : {}),
          ...(op.replaces ? { inherit: op.replaces.mounts } : {}),
        });
        const endpoints = request.body.NetworkingConfig?.EndpointsConfig ?? {};
        const mounts: ObservedMount[] = (request.body.HostConfig?.Mounts ?? [])
          .filter((m) => m.Type === 'volume')
          .map((m) => ({
            type: 'volume',
            name: m.Source ?? '',
            source: '',
            destination: m.Target ?? '',
            readOnly: false,
          }));
        for (const bind of request.body.HostConfig?.Binds ?? []) {
          const [source = '', target = ''] = bind.split(':');
          const isVolume = !source.startsWith('/');
          mounts.push({
            type: isVolume ? 'volume' : 'bind',
            ...(isVolume ? { name: source } : {}),
            source,
            destination: target,
            readOnly: false,
          });
        }
        containers.push(
          observeContainerSummary({
            Id: id,
            Names: [`/${op.name}`],
            Image: request.body.Image ?? '',
            ImageID: imageId ?? '',
            Command: '',
            Created: counter,
            Ports: [],
            Labels: request.body.Labels ?? {},
            State: 'created',
            Status: 'Created',
            HostConfig: { NetworkMode: request.body.HostConfig?.NetworkMode ?? '' },
            NetworkSettings: {
              Networks: Object.fromEntries(
                Object.keys(endpoints).map((name) => [
                  name,
                  { NetworkID: networks.find((n) => n.name === name)?.id ?? '' },
                ]),
              ),
            },
            Mounts: mounts.map((m) => ({
              Type: m.type,
              ...(m.name ? { Name: m.name } : {}),
              Source: m.source,
              Destination: m.destination,
              Mode: '',
              RW: true,
              Propagation: '',
            })),
          }),
        );
        createdBy.set(node.id, id);
        break;
      }
      case 'rename-container':
        replace(createdBy.get(op.created) ?? '', (c) => ({ ...c, name: op.name }));
        break;
      case 'start-container': {
        const id =
          op.target.kind === 'existing' ? op.target.container.id : (createdBy.get(op.target.node) ?? '');
        replace(id, (c) => ({ ...c, state: 'running', exitCode: undefined }));
        break;
      }
      case 'stop-container':
        replace(op.container.id, (c) => ({ ...c, state: 'exited', exitCode: 0 }));
        break;
      case 'remove-container':
        containers = containers.filter((c) => c.id !== op.container.id);
        break;
      default:
        throw new Error(`unexpected operation ${JSON.stringify(op satisfies never)}`);
    }
  }
  return { containers, networks, volumes, images: before.images };
}
