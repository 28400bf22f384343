/**
 * A published UDP port (fixtures/udp): after `up -d`, a datagram sent to 127.0.0.1 on the
 * published port reaches the service and its answer comes back; after `down` nobody answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeProject, type ComposeProject } from './support/compose-project.js';
import { freeUdpPort } from '../support/free-port.js';
import { udpExchange, udpExchangeOrSilence } from '../support/udp-probe.js';

describe('a published UDP port', () => {
  let project: ComposeProject;
  let port: number;

  beforeAll(async () => {
    port = await freeUdpPort();
    project = await composeProject({ fixture: 'udp', name: 'e2e-udp', env: { ECHO_PORT: `${port}` } });
  });

  afterAll(async () => {
    await project?.remove();
  });

  it('answers on 127.0.0.1 while the project is up, and not after down', async () => {
    await project.ok(['up', '-d']);
    // The server binds a moment after its container starts: wait for its first answer.
    await expect.poll(() => udpExchangeOrSilence(port, 'ping'), { timeout: 10_000 }).toBe('echo:ping');
    expect(await udpExchange(port, 'again')).toBe('echo:again');
    expect(await project.ok(['port', '--protocol', 'udp', 'echo', '5353'])).toBe(`127.0.0.1:${port}\n`);

    await project.ok(['down']);
    await expect(udpExchange(port, 'anyone?')).rejects.toThrow();
  });
});
