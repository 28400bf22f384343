// Golden plans: each scenario runs `up` steps against a model of the engine (simulate-plan.ts),
// each step a compose file, the options its command line gives, and the plan expected as text
// (format-plan.ts). Scenarios follow docker/compose pkg/compose/reconcile_test.go's cases, as
// data: first up, a second up that changes nothing, one changed service, scale, orphans,
// --no-deps, --force-recreate, --no-recreate, restart: true, shared namespaces, networks and
// volumes that changed.
import { describe, expect, it } from 'vitest';
import { formatPlan } from '../../src/plan/format-plan.js';
import { NOTHING_OBSERVED, type ObservedState } from '../../src/plan/observed-state.js';
import { reconcile } from '../../src/plan/reconcile.js';
import type { ReconcileOptions } from '../../src/plan/reconcile-options.js';
import { loadYaml as load } from './load-yaml.js';
import { simulatePlan } from './simulate-plan.js';

const THREE_TIER = `
name: demo
services:
  db:
    image: postgres
    healthcheck: {test: [CMD, pg_isready], interval: 1s}
    volumes: [data:/var/lib/postgresql/data]
  api:
    image: api
    depends_on: {db: {condition: service_healthy}}
    environment: {DB_HOST: db}
  web:
    image: web
    ports: ["8080:80"]
    depends_on: [api]
volumes:
  data: {}
`;

/** The three-tier project after web was deleted from the file. */
const withoutWeb = THREE_TIER.slice(0, THREE_TIER.indexOf('  web:\n')) + 'volumes:\n  data: {}\n';

const FIRST_UP = `[] -> #1 network:default, create-network, not found
[] -> #2 volume:data, create-volume, not found
[1,2] -> #3 service:db:1, create-container, not found
[1,3] -> #4 service:api:1, create-container, not found
[1,4] -> #5 service:web:1, create-container, not found
[3] -> #6 service:db:1, start-container, created
[4,6] -> #7 service:api:1, start-container, created; waits for db service_healthy
[5,7] -> #8 service:web:1, start-container, created
`;

interface Step {
  readonly yaml: string;
  readonly options?: Partial<ReconcileOptions>;
  /** Replaces the observed state before this step (a container that exited, an image pulled …). */
  readonly change?: (observed: ObservedState) => ObservedState;
  readonly plan: string;
}

interface Scenario {
  readonly name: string;
  readonly steps: readonly Step[];
}

const scenarios: Scenario[] = [
  { name: 'first up creates everything, dependencies first', steps: [{ yaml: THREE_TIER, plan: FIRST_UP }] },
  {
    name: 'a second up changes nothing',
    steps: [
      { yaml: THREE_TIER, plan: FIRST_UP },
      { yaml: THREE_TIER, plan: '' },
    ],
  },
  {
    name: 'a changed service is recreated alone; its dependents keep running',
    steps: [
      { yaml: THREE_TIER, plan: FIRST_UP },
      {
        yaml: THREE_TIER.replace('DB_HOST: db', 'DB_HOST: db2'),
        plan: `[] -> #1 service:api:1, create-container, config hash changed: HASH → HASH [recreate:api:1]
[1] -> #2 service:api:1, stop-container, replaced by #1 [recreate:api:1]
[2] -> #3 service:api:1, remove-container, replaced by #1 [recreate:api:1]
[3] -> #4 service:api:1, rename-container, finalize recreate [recreate:api:1]
[4] -> #5 service:api:1, start-container, recreated; waits for db service_healthy
`,
      },
    ],
  },
  {
    name: 'restart: true stops the dependent before its dependency is replaced and starts it after',
    steps: [
      {
        yaml: THREE_TIER.replace('condition: service_healthy}', 'condition: service_healthy, restart: true}'),
        plan: FIRST_UP,
      },
      {
        yaml: THREE_TIER.replace(
          'condition: service_healthy}',
          'condition: service_healthy, restart: true}',
        ).replace('interval: 1s', 'interval: 2s'),
        plan: `[] -> #1 service:api:1, stop-container, dependency db being recreated
[1] -> #2 service:db:1, create-container, config hash changed: HASH → HASH [recreate:db:1]
[2] -> #3 service:db:1, stop-container, replaced by #2 [recreate:db:1]
[3] -> #4 service:db:1, remove-container, replaced by #2 [recreate:db:1]
[4] -> #5 service:db:1, rename-container, finalize recreate [recreate:db:1]
[5] -> #6 service:db:1, start-container, recreated
[1,6] -> #7 service:api:1, start-container, dependency db recreated; waits for db service_healthy
`,
      },
    ],
  },
  {
    // The loader makes `network_mode: service:vpn` an implied depends_on with restart: true, so
    // app is stopped first and its replacement reuses that stop.
    name: 'a service sharing a replaced container’s network namespace is replaced too',
    steps: [
      {
        yaml: 'name: demo\nservices:\n  vpn: {image: vpn}\n  app: {image: app, network_mode: "service:vpn"}\n',
        plan: `[] -> #1 network:default, create-network, not found
[1] -> #2 service:vpn:1, create-container, not found
[2] -> #3 service:app:1, create-container, not found
[2] -> #4 service:vpn:1, start-container, created
[3,4] -> #5 service:app:1, start-container, created
`,
      },
      {
        yaml: 'name: demo\nservices:\n  vpn: {image: vpn2}\n  app: {image: app, network_mode: "service:vpn"}\n',
        plan: `[] -> #1 service:app:1, stop-container, dependency vpn being recreated
[1] -> #2 service:vpn:1, create-container, config hash changed: HASH → HASH [recreate:vpn:1]
[2] -> #3 service:vpn:1, stop-container, replaced by #2 [recreate:vpn:1]
[3] -> #4 service:vpn:1, remove-container, replaced by #2 [recreate:vpn:1]
[4] -> #5 service:vpn:1, rename-container, finalize recreate [recreate:vpn:1]
[5] -> #6 service:app:1, create-container, vpn recreated [recreate:app:1]
[1,6] -> #7 service:app:1, remove-container, replaced by #6 [recreate:app:1]
[7] -> #8 service:app:1, rename-container, finalize recreate [recreate:app:1]
[5] -> #9 service:vpn:1, start-container, recreated
[8,9] -> #10 service:app:1, start-container, recreated
`,
      },
    ],
  },
  {
    name: 'scale up adds numbers after the highest; scale down removes the highest first',
    steps: [
      { yaml: THREE_TIER, plan: FIRST_UP },
      {
        yaml: THREE_TIER,
        options: { scale: { web: 3 } },
        plan: `[] -> #1 service:web:2, create-container, scale 1 → 3
[] -> #2 service:web:3, create-container, scale 1 → 3
[1] -> #3 service:web:2, start-container, created
[2] -> #4 service:web:3, start-container, created
`,
      },
      {
        yaml: THREE_TIER,
        options: { scale: { web: 1 } },
        plan: `[] -> #1 service:web:2, stop-container, scale 3 → 1
[1] -> #2 service:web:2, remove-container, scale 3 → 1
[] -> #3 service:web:3, stop-container, scale 3 → 1
[3] -> #4 service:web:3, remove-container, scale 3 → 1
`,
      },
    ],
  },
  {
    name: 'replicas start in parallel, and the next up leaves them alone',
    steps: [
      {
        yaml: 'name: demo\nservices:\n  web: {image: web, scale: 2}\n',
        plan: `[] -> #1 network:default, create-network, not found
[1] -> #2 service:web:1, create-container, not found
[1] -> #3 service:web:2, create-container, not found
[2] -> #4 service:web:1, start-container, created
[3] -> #5 service:web:2, start-container, created
`,
      },
      { yaml: 'name: demo\nservices:\n  web: {image: web, scale: 2}\n', plan: '' },
    ],
  },
  {
    name: 'a one-shot that exited is run again by the next up, as docker compose does',
    steps: [
      {
        yaml: 'name: demo\nservices:\n  seed: {image: tool, network_mode: none}\n',
        plan: `[] -> #1 service:seed:1, create-container, not found
[1] -> #2 service:seed:1, start-container, created
`,
      },
      {
        yaml: 'name: demo\nservices:\n  seed: {image: tool, network_mode: none}\n',
        change: (observed) => ({
          ...observed,
          containers: observed.containers.map((c) => ({ ...c, state: 'exited', exitCode: 0 })),
        }),
        plan: '[] -> #1 service:seed:1, start-container, exited (code 0)\n',
      },
    ],
  },
  {
    name: 'orphans are named in a warning, and removed with --remove-orphans',
    steps: [
      { yaml: THREE_TIER, plan: FIRST_UP },
      {
        yaml: withoutWeb,
        plan: '! Found orphan containers (demo-web-1) for this project. If you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up.\n',
      },
      {
        yaml: withoutWeb,
        options: { orphans: 'remove' },
        plan: `[] -> #1 service:web:1, stop-container, orphan
[1] -> #2 service:web:1, remove-container, orphan
`,
      },
    ],
  },
  {
    name: 'services a profile disabled are not orphans',
    steps: [
      { yaml: THREE_TIER, plan: FIRST_UP },
      {
        yaml: withoutWeb,
        options: { disabledServices: ['web'] },
        plan: '',
      },
    ],
  },
  {
    name: '--no-deps creates the named service alone and waits for nothing',
    steps: [
      {
        yaml: THREE_TIER,
        options: { services: ['api'], selection: 'only-named' },
        plan: `[] -> #1 network:default, create-network, not found
[1] -> #2 service:api:1, create-container, not found
[2] -> #3 service:api:1, start-container, created
`,
      },
    ],
  },
  {
    name: 'naming a service brings up its dependencies too',
    steps: [
      {
        yaml: THREE_TIER,
        options: { services: ['api'] },
        plan: `[] -> #1 network:default, create-network, not found
[] -> #2 volume:data, create-volume, not found
[1,2] -> #3 service:db:1, create-container, not found
[1,3] -> #4 service:api:1, create-container, not found
[3] -> #5 service:db:1, start-container, created
[4,5] -> #6 service:api:1, start-container, created; waits for db service_healthy
`,
      },
    ],
  },
  {
    name: '--force-recreate replaces every named service, and only those',
    steps: [
      { yaml: THREE_TIER, plan: FIRST_UP },
      {
        yaml: THREE_TIER,
        options: { services: ['web'], recreate: 'force' },
        plan: `[] -> #1 service:web:1, create-container, forced recreate [recreate:web:1]
[1] -> #2 service:web:1, stop-container, replaced by #1 [recreate:web:1]
[2] -> #3 service:web:1, remove-container, replaced by #1 [recreate:web:1]
[3] -> #4 service:web:1, rename-container, finalize recreate [recreate:web:1]
[4] -> #5 service:web:1, start-container, recreated
`,
      },
    ],
  },
  {
    name: '--no-recreate keeps a changed container, and still starts a stopped one',
    steps: [
      { yaml: THREE_TIER, plan: FIRST_UP },
      {
        yaml: THREE_TIER.replace('DB_HOST: db', 'DB_HOST: db2'),
        options: { recreate: 'never' },
        change: (observed) => ({
          ...observed,
          containers: observed.containers.map((c) =>
            c.service === 'web' ? { ...c, state: 'exited', exitCode: 137 } : c,
          ),
        }),
        plan: '[] -> #1 service:web:1, start-container, exited (code 137)\n',
      },
    ],
  },
  {
    name: 'a pulled image that moved the tag recreates the services using it',
    steps: [
      {
        yaml: THREE_TIER,
        change: (o) => ({ ...o, images: { web: 'sha256:aaaa', api: 'sha256:bbbb' } }),
        plan: FIRST_UP,
      },
      {
        yaml: THREE_TIER,
        change: (o) => ({ ...o, images: { web: 'sha256:cccc', api: 'sha256:bbbb' } }),
        plan: `[] -> #1 service:web:1, create-container, image changed: aaaa → cccc [recreate:web:1]
[1] -> #2 service:web:1, stop-container, replaced by #1 [recreate:web:1]
[2] -> #3 service:web:1, remove-container, replaced by #1 [recreate:web:1]
[3] -> #4 service:web:1, rename-container, finalize recreate [recreate:web:1]
[4] -> #5 service:web:1, start-container, recreated
`,
      },
    ],
  },
  {
    name: 'create converges without starting',
    steps: [
      {
        yaml: 'name: demo\nservices:\n  web: {image: web}\n',
        options: { goal: 'create' },
        plan: `[] -> #1 network:default, create-network, not found
[1] -> #2 service:web:1, create-container, not found
`,
      },
    ],
  },
  {
    name: 'a network whose config changed is recreated and its containers moved over',
    steps: [
      {
        yaml: 'name: demo\nservices:\n  web: {image: web}\n',
        plan: `[] -> #1 network:default, create-network, not found
[1] -> #2 service:web:1, create-container, not found
[2] -> #3 service:web:1, start-container, created
`,
      },
      {
        yaml: 'name: demo\nservices:\n  web: {image: web}\nnetworks:\n  default: {internal: true}\n',
        plan: `[] -> #1 service:web:1, stop-container, network default config changed
[1] -> #2 service:web:1, disconnect-network, network default recreated
[2] -> #3 network:default, remove-network, config hash changed: HASH → HASH
[3] -> #4 network:default, create-network, config hash changed: HASH → HASH
[4] -> #5 service:web:1, connect-network, network default recreated
[1,5] -> #6 service:web:1, start-container, network default recreated
`,
      },
    ],
  },
  {
    name: 'a volume whose config changed is kept with a warning unless recreating it was agreed',
    steps: [
      { yaml: THREE_TIER, plan: FIRST_UP },
      {
        yaml: THREE_TIER.replace('data: {}', 'data: {labels: {backup: "yes"}}'),
        plan: `! volume "demo_data" exists but doesn't match configuration in compose file; kept as is (recreating it would lose its data)\n`,
      },
      {
        yaml: THREE_TIER.replace('data: {}', 'data: {labels: {backup: "yes"}}'),
        options: { recreateVolumes: ['data'] },
        plan: `[] -> #1 service:db:1, stop-container, mounted volume config changed
[1] -> #2 service:db:1, remove-container, mounted volume config changed
[2] -> #3 volume:data, remove-volume, config hash changed: HASH → HASH
[3] -> #4 volume:data, create-volume, config hash changed: HASH → HASH
[4] -> #5 service:db:1, create-container, volume data recreated
[5] -> #6 service:db:1, start-container, created
`,
      },
    ],
  },
  {
    name: 'one-shot dependencies are waited for until they complete',
    steps: [
      {
        yaml: `name: demo
services:
  migrate: {image: tool, network_mode: none}
  app:
    image: app
    network_mode: none
    depends_on: {migrate: {condition: service_completed_successfully, required: false}}
`,
        plan: `[] -> #1 service:migrate:1, create-container, not found
[1] -> #2 service:app:1, create-container, not found
[1] -> #3 service:migrate:1, start-container, created
[2,3] -> #4 service:app:1, start-container, created; waits for migrate service_completed_successfully (optional)
`,
      },
    ],
  },
];

/** Hashes change with every model field; golden plans show where a hash is, not its value. */
function normalise(text: string): string {
  return text.replace(/\b[0-9a-f]{12}\b/g, 'HASH');
}

describe('reconcile', () => {
  it.each(scenarios)('$name', ({ steps }) => {
    let observed: ObservedState = NOTHING_OBSERVED;
    steps.forEach((step, index) => {
      const project = load(step.yaml);
      observed = step.change ? step.change(observed) : observed;
      const plan = reconcile(project, observed, { version: '0.1.0', ...step.options });
      const expected = step.plan.includes('HASH') ? normalise(formatPlan(plan)) : formatPlan(plan);
      expect(expected, `step ${index + 1}`).toBe(step.plan);
      observed = simulatePlan(project, plan, observed);
    });
  });
});
