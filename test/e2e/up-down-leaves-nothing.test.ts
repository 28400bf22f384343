/**
 * `down` leaves nothing behind: the engine holds the same containers, networks, port forwards and
 * processes after `up` + `down` as before `up` (and, after `down -v`, the same volumes).
 *
 * Two projects at once (fixtures/three-tier: two networks, a volume, a TCP port; fixtures/udp:
 * a UDP port and bind mounts), so leftovers of either kind would show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tscompose } from './support/commands.js';
import { composeProject, type ComposeProject } from './support/compose-project.js';
import { engineResources, type EngineResources } from './support/engine-resources.js';
import { freeTcpPort, freeUdpPort } from '../support/free-port.js';

describe('down', () => {
  const projects: ComposeProject[] = [];
  let before: EngineResources;

  beforeAll(async () => {
    const started = await tscompose(['engine', 'start']);
    expect(started.code, started.stderr).toBe(0);
    projects.push(
      await composeProject({
        fixture: 'three-tier',
        name: 'e2e-leaves-tiers',
        env: { WEB_PORT: `${await freeTcpPort()}` },
      }),
      await composeProject({
        fixture: 'udp',
        name: 'e2e-leaves-udp',
        env: { ECHO_PORT: `${await freeUdpPort()}` },
      }),
    );
  });

  afterAll(async () => {
    for (const project of projects) await project.remove();
  });

  it('leaves no container, network, port forward or process behind', async () => {
    before = await engineResources();
    for (const project of projects) await project.ok(['up', '-d', '--wait']);
    const up = await engineResources();
    expect(up.containers.length).toBe(before.containers.length + 4);
    expect(up.networks.length).toBe(before.networks.length + 3);
    expect(up.forwards.length).toBe(before.forwards.length + 2);
    expect(up.processes.filter((name) => name === 'conmon')).toHaveLength(4);

    for (const project of projects) await project.ok(['down']);
    // A container's last processes end a moment after its removal: wait for them.
    await expect
      .poll(async () => (await engineResources()).processes, { timeout: 5_000 })
      .toEqual(before.processes);
    const after = await engineResources();
    expect(after.containers).toEqual(before.containers);
    expect(after.networks).toEqual(before.networks);
    expect(after.forwards).toEqual(before.forwards);
  });

  it('with -v leaves no volume either', async () => {
    for (const project of projects) await project.ok(['down', '-v']);
    expect((await engineResources()).volumes).toEqual(before.volumes);
  });
});
