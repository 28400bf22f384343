// What reconcile refuses (ReconcileError, every problem at once) and what it only warns about,
// with docker compose's messages (pkg/compose/create.go, convergence.go).
import { describe, expect, it } from 'vitest';
import { formatPlan } from '../../src/plan/format-plan.js';
import { NOTHING_OBSERVED } from '../../src/plan/observed-state.js';
import { reconcile } from '../../src/plan/reconcile.js';
import { ReconcileError } from '../../src/plan/reconcile-error.js';
import { loadYaml as load } from './load-yaml.js';

const WEB_ONLY = 'name: demo\nservices:\n  web: {image: web}\n';

describe('reconcile refuses what the engine cannot hold', () => {
  it.each([
    {
      name: 'a network with the wanted name but another key label',
      yaml: WEB_ONLY,
      observed: {
        ...NOTHING_OBSERVED,
        networks: [{ id: 'n1', name: 'demo_default', labels: { 'com.docker.compose.project': 'demo' } }],
      },
      error: 'network demo_default was found but has incorrect label com.docker.compose.network set to ""',
    },
    {
      name: 'an external network that does not exist',
      yaml: `${WEB_ONLY}networks:\n  default: {name: shared, external: true}\n`,
      observed: NOTHING_OBSERVED,
      error: 'network shared declared as external, but could not be found',
    },
    {
      name: 'an external volume that does not exist',
      yaml: 'name: demo\nservices:\n  web: {image: web, volumes: [data:/d]}\nvolumes:\n  data: {external: true}\n',
      observed: NOTHING_OBSERVED,
      error: 'external volume "data" not found',
    },
    {
      name: 'a fixed container name on a scaled service',
      yaml: 'name: demo\nservices:\n  web: {image: web, container_name: site}\n',
      options: { scale: { web: 2 } },
      observed: NOTHING_OBSERVED,
      error:
        'WARNING: The "web" service is using the custom container name "site". Docker requires each container to have a unique name. Remove the custom name to scale the service',
    },
  ])('$name', ({ yaml, observed, options, error }) => {
    const run = (): unknown => reconcile(load(yaml), observed, { version: '0.1.0', ...options });
    expect(run).toThrow(ReconcileError);
    expect(run).toThrow(error);
  });

  it('lists every problem at once', () => {
    const yaml = `${WEB_ONLY}networks:\n  default: {name: shared, external: true}\n`.replace(
      'web: {image: web}',
      'web: {image: web, volumes: [data:/d]}',
    );
    try {
      reconcile(load(`${yaml}volumes:\n  data: {external: true}\n`), NOTHING_OBSERVED, { version: '0.1.0' });
      expect.unreachable();
    } catch (error) {
      expect((error as ReconcileError).problems).toEqual([
        'network shared declared as external, but could not be found',
        'external volume "data" not found',
      ]);
    }
  });
});

describe('reconcile warns and goes on', () => {
  it.each([
    {
      name: 'a network of the same name made by hand is reused',
      yaml: WEB_ONLY,
      observed: {
        ...NOTHING_OBSERVED,
        networks: [{ id: 'n1', name: 'demo_default', labels: { 'com.docker.compose.network': 'default' } }],
      },
      plan: `[] -> #1 service:web:1, create-container, not found
[1] -> #2 service:web:1, start-container, created
! a network with name demo_default exists but was not created by compose. Set \`external: true\` to use an existing network
`,
    },
    {
      name: 'a volume another project created is reused',
      yaml: 'name: demo\nservices:\n  web: {image: web, volumes: [data:/d]}\nvolumes:\n  data: {}\n',
      observed: {
        ...NOTHING_OBSERVED,
        volumes: [{ name: 'demo_data', driver: 'local', labels: { 'com.docker.compose.project': 'other' } }],
      },
      plan: `[] -> #1 network:default, create-network, not found
[1] -> #2 service:web:1, create-container, not found
[2] -> #3 service:web:1, start-container, created
! volume "demo_data" already exists but was created for project "other" (expected "demo"). Use \`external: true\` to use an existing volume
`,
    },
    {
      name: 'fields the engine does not get yet are named',
      yaml: 'name: demo\nservices:\n  web:\n    image: web\n    network_mode: none\n    gpus: all\n    blkio_config: {weight: 300}\n    links: ["db:database"]\n  db: {image: db, network_mode: none}\n',
      observed: NOTHING_OBSERVED,
      plan: `[] -> #1 service:db:1, create-container, not found
[1] -> #2 service:web:1, create-container, not found
[1] -> #3 service:db:1, start-container, created
[2,3] -> #4 service:web:1, start-container, created
! service "web": not supported yet, ignored: blkio_config, gpus, links (aliases)
`,
    },
  ])('$name', ({ yaml, observed, plan }) => {
    expect(formatPlan(reconcile(load(yaml), observed, { version: '0.1.0' }))).toBe(plan);
  });
});
