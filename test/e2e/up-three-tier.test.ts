/**
 * `up -d --wait` on a three-tier project (fixtures/three-tier: web → api → db), as a user sees it.
 *
 * Scenario: `up -d --wait` returns only once db, whose healthcheck passes some seconds after it
 * starts, is healthy; then web answers on its published 127.0.0.1 port with what it fetched from
 * api, which fetched it from db, each by service name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeProject, describeFailure, type ComposeProject } from './support/compose-project.js';
import { healthStatus } from './support/container-ids.js';
import { freeTcpPort } from '../support/free-port.js';
import { httpText } from '../support/http-probe.js';
import { parsePsJson } from './support/ps-json.js';

describe('up -d --wait on web → api → db', () => {
  let project: ComposeProject;
  let webPort: number;

  beforeAll(async () => {
    webPort = await freeTcpPort();
    project = await composeProject({
      fixture: 'three-tier',
      name: 'e2e-three-tier',
      env: { WEB_PORT: `${webPort}` },
    });
  });

  afterAll(async () => {
    await project?.remove();
  });

  it('returns only once db is healthy', async () => {
    const up = await project.run(['up', '-d', '--wait']);
    expect(up.code, describeFailure(project.name, ['up', '-d', '--wait'], up)).toBe(0);
    // Read at once: db's healthcheck passes seconds after it starts, so only a waiting `up` sees this.
    expect(await healthStatus('e2e-three-tier-db-1')).toBe('healthy');
    const listed = parsePsJson(await project.ok(['ps', '--format', 'json']));
    expect(listed.map((entry) => [entry.Service, entry.State]).sort()).toEqual([
      ['api', 'running'],
      ['db', 'running'],
      ['web', 'running'],
    ]);
    expect(listed.find((entry) => entry.Service === 'db')?.Health).toBe('healthy');
  });

  it('serves on the published port what web fetched from api and api from db, by service name', async () => {
    expect(await httpText(webPort, '/')).toBe('web is up\n');
    expect(await httpText(webPort, '/cgi-bin/page')).toBe('web saw: api saw: rows from db\n');
  });
});
