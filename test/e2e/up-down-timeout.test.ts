/**
 * `down -t 0` (what bench/up.ts times): stop without a grace period, then remove
 * (fixtures/two-services, whose services exit on SIGTERM at once).
 *
 * Scenario: the containers may exit between the stop signal and the kill that follows it at once;
 * either way they are stopped, so down succeeds and removes them, as docker compose does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeProject, describeFailure, type ComposeProject } from './support/compose-project.js';
import { projectContainerIds } from './support/container-ids.js';

const NAME = 'e2e-down-timeout';

describe('down -t 0', () => {
  let project: ComposeProject;

  beforeAll(async () => {
    project = await composeProject({ fixture: 'two-services', name: NAME, env: {} });
    await project.ok(['up', '-d', '--wait']);
  });

  afterAll(async () => {
    await project?.remove();
  });

  it('removes every container, even those that exit on the stop signal before the kill', async () => {
    const down = await project.run(['down', '-t', '0']);
    expect(down.code, describeFailure(NAME, ['down', '-t', '0'], down)).toBe(0);
    expect(await projectContainerIds(NAME)).toEqual({});
  });
});
