/**
 * `up` converges: it changes only what differs from the compose file (fixtures/two-services).
 *
 * Scenario: a second `up -d` keeps every container (same ids); changing the environment of one
 * service recreates that service's container alone, under the same name, with the new value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerOk } from './support/commands.js';
import { composeProject, type ComposeProject } from './support/compose-project.js';
import { projectContainerIds } from './support/container-ids.js';

const NAME = 'e2e-idempotent';
const STEADY = `${NAME}-steady-1`;
const CHANGING = `${NAME}-changing-1`;

describe('up twice', () => {
  let project: ComposeProject;

  beforeAll(async () => {
    project = await composeProject({ fixture: 'two-services', name: NAME, env: {} });
    await project.ok(['up', '-d']);
  });

  afterAll(async () => {
    await project?.remove();
  });

  it('recreates nothing the second time', async () => {
    const before = await projectContainerIds(NAME);
    expect(Object.keys(before).sort()).toEqual([CHANGING, STEADY]);
    await project.ok(['up', '-d']);
    expect(await projectContainerIds(NAME)).toEqual(before);
  });

  it('recreates only the service whose configuration changed', async () => {
    const before = await projectContainerIds(NAME);
    await project.ok(['up', '-d'], { env: { GREETING: 'bonjour' } });
    const after = await projectContainerIds(NAME);
    expect(Object.keys(after).sort()).toEqual([CHANGING, STEADY]);
    expect(after[STEADY]).toBe(before[STEADY]);
    expect(after[CHANGING]).not.toBe(before[CHANGING]);
    expect(await dockerOk(['inspect', '-f', '{{.State.Status}}', STEADY, CHANGING])).toBe('running\nrunning');
    expect(await dockerOk(['inspect', '-f', '{{json .Config.Env}}', CHANGING])).toContain(
      '"GREETING=bonjour"',
    );
  });
});
