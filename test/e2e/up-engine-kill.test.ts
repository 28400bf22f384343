/**
 * Containers do not depend on the engine process (fixtures/three-tier): they run under conmon,
 * and the published ports live in rootlesskit, so SIGKILL to the engine loses nothing.
 *
 * Scenario: with the project up, the engine is killed with SIGKILL; the published port keeps
 * answering while no engine runs; `ps` starts a new engine, which finds every container running,
 * and the services reach each other by name again (the new engine serves their DNS).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeProject, type ComposeProject } from './support/compose-project.js';
import { enginePid } from './support/engine-resources.js';
import { freeTcpPort } from '../support/free-port.js';
import { httpText, httpTextOrError } from '../support/http-probe.js';
import { parsePsJson } from './support/ps-json.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // ESRCH: no such process, which is what the test waits for.
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

describe('the engine killed while a project runs', () => {
  let project: ComposeProject;
  let webPort: number;

  beforeAll(async () => {
    webPort = await freeTcpPort();
    project = await composeProject({
      fixture: 'three-tier',
      name: 'e2e-engine-kill',
      env: { WEB_PORT: `${webPort}` },
    });
    await project.ok(['up', '-d', '--wait']);
    expect(await httpText(webPort, '/cgi-bin/page')).toBe('web saw: api saw: rows from db\n');
  });

  afterAll(async () => {
    await project?.remove();
  });

  it('keeps the published port answering, and ps afterwards shows every container running', async () => {
    const pid = enginePid();
    expect(pid, 'no engine runs').toBeDefined();
    process.kill(pid ?? 0, 'SIGKILL');
    await expect.poll(() => isAlive(pid ?? 0), { timeout: 5_000 }).toBe(false);
    expect(enginePid()).toBeUndefined();

    expect(await httpText(webPort, '/')).toBe('web is up\n');

    const listed = parsePsJson(await project.ok(['ps', '--format', 'json']));
    expect(enginePid()).toBeDefined();
    expect(listed.map((entry) => [entry.Service, entry.State]).sort()).toEqual([
      ['api', 'running'],
      ['db', 'running'],
      ['web', 'running'],
    ]);
    expect(await httpText(webPort, '/')).toBe('web is up\n');
    await expect
      .poll(() => httpTextOrError(webPort, '/cgi-bin/page'), { timeout: 10_000 })
      .toBe('web saw: api saw: rows from db\n');
  });
});
