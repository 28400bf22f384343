// `down`'s plan as text (format-plan.ts): dependents stop before their dependencies when the file
// is known, everything at once without it; networks and -v volumes after every container is gone;
// external resources, orphans and one-off containers only when asked.
import { describe, expect, it } from 'vitest';
import { formatPlan } from '../../src/plan/format-plan.js';
import {
  NOTHING_OBSERVED,
  type ObservedContainer,
  type ObservedState,
} from '../../src/plan/observed-state.js';
import { planDown } from '../../src/plan/plan-down.js';
import { loadYaml } from './load-yaml.js';

const PROJECT = loadYaml(`
name: demo
services:
  db: {image: busybox, volumes: ['data:/data', 'shared:/shared'], networks: [default, outside]}
  api: {image: busybox, depends_on: [db]}
  web: {image: busybox, depends_on: [api]}
networks:
  outside: {external: true}
volumes:
  data: {}
  shared: {external: true}
`);

function container(service: string, extra: Partial<ObservedContainer> = {}): ObservedContainer {
  return {
    id: `id-${service}`,
    name: `demo-${service}-1`,
    project: 'demo',
    service,
    number: 1,
    oneoff: false,
    configHash: '',
    imageId: '',
    state: 'running',
    created: 1,
    networks: {},
    mounts: [],
    labels: {},
    ...extra,
  };
}

const LABELS = { 'com.docker.compose.project': 'demo' };

const OBSERVED: ObservedState = {
  containers: [
    container('db'),
    container('api'),
    container('web'),
    container('gone'),
    container('web', { id: 'id-run', name: 'demo-web-run-1', oneoff: true }),
  ],
  networks: [
    { id: 'n1', name: 'demo_default', labels: { ...LABELS, 'com.docker.compose.network': 'default' } },
    { id: 'n2', name: 'outside', labels: {} },
  ],
  volumes: [
    { name: 'demo_data', driver: 'local', labels: { ...LABELS, 'com.docker.compose.volume': 'data' } },
    { name: 'shared', driver: 'local', labels: {} },
  ],
  images: {},
};

describe('planDown', () => {
  it('stops dependents first, removes each container after its stop, then the project network', () => {
    expect(formatPlan(planDown('demo', OBSERVED, { project: PROJECT }))).toBe(
      `[] -> #1 service:web:1, stop-container, down
[1] -> #2 service:web:1, remove-container, down
[1] -> #3 service:api:1, stop-container, down
[3] -> #4 service:api:1, remove-container, down
[3] -> #5 service:db:1, stop-container, down
[5] -> #6 service:db:1, remove-container, down
[2,4,6] -> #7 network:default, remove-network, down
`,
    );
  });

  it('with -v, --remove-orphans and -t: named volumes (not external), orphans and one-off containers too', () => {
    const plan = planDown('demo', OBSERVED, {
      project: PROJECT,
      volumes: true,
      removeOrphans: true,
      timeout: 0,
    });
    expect(formatPlan(plan)).toBe(
      `[] -> #1 service:web:1, stop-container, down
[1] -> #2 service:web:1, remove-container, down
[1] -> #3 service:api:1, stop-container, down
[3] -> #4 service:api:1, remove-container, down
[3] -> #5 service:db:1, stop-container, down
[5] -> #6 service:db:1, remove-container, down
[] -> #7 service:gone:1, stop-container, orphan
[7] -> #8 service:gone:1, remove-container, orphan
[] -> #9 service:web:1, stop-container, one-off container
[9] -> #10 service:web:1, remove-container, one-off container
[2,4,6,8,10] -> #11 network:default, remove-network, down
[2,4,6,8,10] -> #12 volume:data, remove-volume, down -v
`,
    );
    const timeouts = plan.nodes.flatMap(({ operation }) =>
      operation.kind === 'stop-container' ? [operation.timeout] : [],
    );
    expect(timeouts).toEqual([0, 0, 0, 0, 0]);
  });

  it('without the compose file: everything labelled with the project, containers all at once', () => {
    expect(formatPlan(planDown('demo', OBSERVED, { volumes: true }))).toBe(
      `[] -> #1 service:api:1, stop-container, down
[1] -> #2 service:api:1, remove-container, down
[] -> #3 service:db:1, stop-container, down
[3] -> #4 service:db:1, remove-container, down
[] -> #5 service:gone:1, stop-container, down
[5] -> #6 service:gone:1, remove-container, down
[] -> #7 service:web:1, stop-container, down
[7] -> #8 service:web:1, remove-container, down
[2,4,6,8] -> #9 network:default, remove-network, down
[2,4,6,8] -> #10 volume:data, remove-volume, down -v
`,
    );
  });

  it('named services: them and their dependents, networks and volumes left alone', () => {
    expect(
      formatPlan(planDown('demo', OBSERVED, { project: PROJECT, services: ['api'], volumes: true })),
    ).toBe(
      `[] -> #1 service:web:1, stop-container, down
[1] -> #2 service:web:1, remove-container, down
[1] -> #3 service:api:1, stop-container, down
[3] -> #4 service:api:1, remove-container, down
`,
    );
  });

  it('warns when there is nothing to remove, as docker compose does', () => {
    expect(planDown('demo', NOTHING_OBSERVED, { project: PROJECT }).warnings).toEqual([
      'Warning: No resource found to remove for project "demo".',
    ]);
  });
});
