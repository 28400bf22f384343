/**
 * The commands a person runs on a project that is up (fixtures/ps-logs): `ps` in its table, JSON,
 * `-q` and `--services` forms, `logs` of one service and of all with their prefixes, then `down`.
 *
 * Scenario: after `up -d --wait`, ps lists web and worker running with web's published port; logs
 * shows each service's lines under `<service>-1  | `; down removes the containers and the network,
 * and the port stops answering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerOk } from './support/commands.js';
import { composeProject, type ComposeProject } from './support/compose-project.js';
import { projectContainerIds } from './support/container-ids.js';
import { freeTcpPort } from '../support/free-port.js';
import { httpText } from '../support/http-probe.js';
import { parsePsJson } from './support/ps-json.js';

const NAME = 'e2e-ps-logs';

describe('ps, logs and down on a running project', () => {
  let project: ComposeProject;
  let webPort: number;

  beforeAll(async () => {
    webPort = await freeTcpPort();
    project = await composeProject({ fixture: 'ps-logs', name: NAME, env: { WEB_PORT: `${webPort}` } });
    await project.ok(['up', '-d', '--wait']);
  });

  afterAll(async () => {
    await project?.remove();
  });

  it('ps prints a table with one row per container and the published port', async () => {
    const [header = '', ...rows] = (await project.ok(['ps'])).trimEnd().split('\n');
    expect(header.split(/\s{2,}/)).toEqual([
      'NAME',
      'IMAGE',
      'COMMAND',
      'SERVICE',
      'CREATED',
      'STATUS',
      'PORTS',
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(
      new RegExp(`^${NAME}-web-1\\s.*\\sweb\\s.*Up .*127\\.0\\.0\\.1:${webPort}->8080/tcp`),
    );
    expect(rows[1]).toMatch(new RegExp(`^${NAME}-worker-1\\s.*\\sworker\\s.*Up `));
  });

  it('ps --format json prints one object per container', async () => {
    const ids = await projectContainerIds(NAME);
    const listed = parsePsJson(await project.ok(['ps', '--format', 'json']));
    expect(
      listed.map((entry) => ({ id: entry.ID, name: entry.Name, service: entry.Service, state: entry.State })),
    ).toEqual([
      {
        id: expect.stringMatching(prefixOf(ids[`${NAME}-web-1`])),
        name: `${NAME}-web-1`,
        service: 'web',
        state: 'running',
      },
      {
        id: expect.stringMatching(prefixOf(ids[`${NAME}-worker-1`])),
        name: `${NAME}-worker-1`,
        service: 'worker',
        state: 'running',
      },
    ]);
    expect(listed[0]?.Publishers).toContainEqual(
      expect.objectContaining({
        URL: '127.0.0.1',
        TargetPort: 8080,
        PublishedPort: webPort,
        Protocol: 'tcp',
      }),
    );
  });

  it('ps -q prints the container ids and ps --services the services', async () => {
    const ids = await projectContainerIds(NAME);
    const quiet = (await project.ok(['ps', '-q'])).trim().split('\n');
    expect(quiet).toHaveLength(2);
    for (const [line, name] of [
      [quiet[0], `${NAME}-web-1`],
      [quiet[1], `${NAME}-worker-1`],
    ] as const) {
      expect(ids[name]?.startsWith(line ?? '-'), `${line} is not ${name}`).toBe(true);
    }
    expect((await project.ok(['ps', '--services'])).trim().split('\n').sort()).toEqual(['web', 'worker']);
  });

  it("logs prints a service's output under its prefix, or bare with --no-log-prefix", async () => {
    // The lines are printed as the container starts; wait until the log has all three.
    await expect
      .poll(async () => (await project.ok(['logs', 'worker'])).trimEnd().split('\n'), { timeout: 5_000 })
      .toEqual([
        'worker-1  | worker: job 1 done',
        'worker-1  | worker: job 2 done',
        'worker-1  | worker: job 3 done',
      ]);
    expect((await project.ok(['logs', '--no-log-prefix', 'worker'])).trimEnd().split('\n')).toEqual([
      'worker: job 1 done',
      'worker: job 2 done',
      'worker: job 3 done',
    ]);
    // docker compose widens the prefix column as it meets each container: padding depends on who spoke first.
    const all = await project.ok(['logs']);
    expect(all).toMatch(/^web-1 +\| web: listening on 8080$/m);
    expect(all).toMatch(/^worker-1 +\| worker: job 3 done$/m);
  });

  it('down removes the containers and the network, and the port stops answering', async () => {
    expect(await httpText(webPort)).toBe('hello from web\n');
    await project.ok(['down']);
    expect(await projectContainerIds(NAME)).toEqual({});
    expect(await project.ok(['ps', '-a', '-q'])).toBe('');
    expect((await dockerOk(['network', 'ls', '--format', '{{.Name}}'])).split('\n')).not.toContain(
      `${NAME}_default`,
    );
    await expect(httpText(webPort)).rejects.toThrow();
  });
});

function prefixOf(id: string | undefined): RegExp {
  return new RegExp(`^${(id ?? 'missing').slice(0, 12)}`);
}
