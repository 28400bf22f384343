/**
 * Applies the engine's nftables table (nat-ruleset.ts) with `nft -f -`, and turns on IPv4
 * forwarding in the engine's namespace (a per-namespace sysctl the namespace's root may write),
 * without which nothing leaves a bridge.
 *
 * nft comes from Debian's `nftables` package. Without it containers still reach each other and
 * the published ports still work, but nothing goes outside: the engine says so once in its log
 * rather than failing every network.
 */
import { writeFile } from 'node:fs/promises';
import { findProgram } from '../host/find-program.js';
import { describeFailure } from '../storage/command-failure.js';
import { runProgram } from '../storage/run-program.js';
import { natRuleset, type BridgeNetwork } from './nat-ruleset.js';

export class NatTable {
  private queue: Promise<unknown> = Promise.resolve();
  private warned = false;

  constructor(
    private readonly nftPath: string | undefined,
    private readonly log: (line: string) => void,
  ) {}

  static locate(env: Readonly<Record<string, string | undefined>>, log: (line: string) => void): NatTable {
    return new NatTable(findProgram('nft', env), log);
  }

  /** Makes the table match `networks`; calls are applied in order. */
  apply(networks: readonly BridgeNetwork[]): Promise<void> {
    const next = this.queue.then(() => this.write(networks));
    // The queue only orders writes; each caller sees its own failure through `next`.
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async write(networks: readonly BridgeNetwork[]): Promise<void> {
    if (networks.length > 0) await enableForwarding();
    if (!this.nftPath) {
      if (!this.warned && networks.length > 0) {
        this.log('nft (Debian package nftables) is missing: containers on networks cannot reach outside');
        this.warned = true;
      }
      return;
    }
    const result = await runProgram(this.nftPath, ['-f', '-'], { input: natRuleset(networks) });
    if (result.exitCode !== 0) throw new Error(`nft -f failed: ${describeFailure(result)}`);
  }
}

async function enableForwarding(): Promise<void> {
  await writeFile('/proc/sys/net/ipv4/ip_forward', '1\n');
}
