/**
 * `up --abort-on-container-exit --exit-code-from S` (fixtures/exit-code): attached, up follows
 * the logs until job exits with 3, then stops companion and exits with job's code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeProject, describeFailure, type ComposeProject } from './support/compose-project.js';
import { parsePsJson } from './support/ps-json.js';

describe('up --exit-code-from', () => {
  let project: ComposeProject;

  beforeAll(async () => {
    project = await composeProject({ fixture: 'exit-code', name: 'e2e-exit-code', env: {} });
  });

  afterAll(async () => {
    await project?.remove();
  });

  it("returns the service's exit code and stops the others", async () => {
    const args = ['up', '--abort-on-container-exit', '--exit-code-from', 'job'];
    const up = await project.run(args);
    expect(up.code, describeFailure(project.name, args, up)).toBe(3);
    expect(up.stdout).toMatch(/^job-1 +\| job: failing with 3$/m);
    const listed = parsePsJson(await project.ok(['ps', '-a', '--format', 'json']));
    expect(listed.map((entry) => [entry.Service, entry.State, entry.ExitCode]).sort()).toEqual([
      ['companion', 'exited', 0],
      ['job', 'exited', 3],
    ]);
  });
});
