/**
 * Service discovery inside a project's networks, and its limits (fixtures/networks).
 *
 * Scenario: probe, on network a, resolves peer by its service name, `peer-1`, its container name
 * and its alias, to peer's address on a and only that; it does not resolve hidden, which is on
 * network b only. The same project started a second time under another name sits beside the
 * first: neither resolves the other's container names, and `peer` means each one's own peer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeProject, type ComposeProject } from './support/compose-project.js';
import { containerAddress } from './support/container-ids.js';
import { freeTcpPort } from '../support/free-port.js';
import { httpText } from '../support/http-probe.js';

const FIRST = 'e2e-dns-one';
const SECOND = 'e2e-dns-two';

/** The answer nslookup gave inside probe: the addresses found, or the failure it printed. */
interface Lookup {
  readonly addresses: readonly string[];
  readonly output: string;
}

async function lookup(probePort: number, name: string): Promise<Lookup> {
  const output = await httpText(probePort, `/cgi-bin/lookup?${name}`);
  // The server's own line reads `Address: 10.89.0.1:53`; answers have no port.
  const addresses = [...output.matchAll(/^Address:\s*(\d+\.\d+\.\d+\.\d+)\s*$/gm)].map(
    (match) => match[1] ?? '',
  );
  return { addresses: addresses.sort(), output };
}

describe('names resolve within a network and a project only', () => {
  const projects: ComposeProject[] = [];
  const ports: Record<string, number> = {};

  beforeAll(async () => {
    for (const name of [FIRST, SECOND]) {
      ports[name] = await freeTcpPort();
      const project = await composeProject({
        fixture: 'networks',
        name,
        env: { PROBE_PORT: `${ports[name]}` },
      });
      projects.push(project);
      await project.ok(['up', '-d', '--wait']);
    }
  });

  afterAll(async () => {
    for (const project of projects) await project.remove();
  });

  it('resolves a service, <service>-1, its container name and its alias to its address on the network', async () => {
    const peer = await containerAddress(`${FIRST}-peer-1`, `${FIRST}_a`);
    expect(peer).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    for (const name of ['peer', 'peer-1', `${FIRST}-peer-1`, 'peer-alias']) {
      const found = await lookup(ports[FIRST] ?? 0, name);
      expect(found.addresses, `${name}:\n${found.output}`).toEqual([peer]);
    }
  });

  it('does not resolve a service that is only on another network', async () => {
    for (const name of ['hidden', 'hidden-1', `${FIRST}-hidden-1`]) {
      const found = await lookup(ports[FIRST] ?? 0, name);
      expect(found.addresses, `${name}:\n${found.output}`).toEqual([]);
      expect(found.output).toContain(`can't find ${name}`);
    }
  });

  it("does not resolve the other project's names, and means its own service by a shared name", async () => {
    for (const [self, other] of [
      [FIRST, SECOND],
      [SECOND, FIRST],
    ] as const) {
      const stranger = await lookup(ports[self] ?? 0, `${other}-peer-1`);
      expect(stranger.addresses, stranger.output).toEqual([]);
      const own = await lookup(ports[self] ?? 0, 'peer');
      expect(own.addresses, own.output).toEqual([await containerAddress(`${self}-peer-1`, `${self}_a`)]);
    }
  });
});
