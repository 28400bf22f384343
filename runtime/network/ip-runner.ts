/**
 * Runs iproute2 batches (ip-commands.ts) in the engine's namespace or inside a container's.
 * Batches of different containers run concurrently (the kernel serialises netlink changes
 * itself); `prepareNetns` is called once first, so that two first `ip netns add`s never race to
 * mount /run/netns.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { execa } from 'execa';
import { findProgram } from '../host/find-program.js';
import { describeFailure } from '../storage/command-failure.js';
import { runProgram } from '../storage/run-program.js';

export interface IpRunOptions {
  /** Run inside this named namespace (`ip -n`). */
  netns?: string;
  /** Keep going past failing lines and report them instead of throwing (`ip -force`). */
  tolerant?: boolean;
}

export class IpRunner {
  constructor(private readonly path: string) {}

  static locate(env: Readonly<Record<string, string | undefined>>): IpRunner {
    const path = findProgram('ip', env);
    if (!path) throw new Error('ip (iproute2) is not installed (see `tscompose doctor`)');
    return new IpRunner(path);
  }

  /** Runs the lines; resolves with ip's complaints in tolerant mode (empty when all went well). */
  run(lines: readonly string[], options: IpRunOptions = {}): Promise<string> {
    if (lines.length === 0) return Promise.resolve('');
    return this.execute(lines, options);
  }

  /**
   * Makes /run/netns a mount point of its own, as the first `ip netns add` does, by adding and
   * deleting a namespace; later adds, however concurrent, find it ready.
   *
   * When the host already has a /run/netns (root ran `ip netns add` once), rootlesskit's copy-up
   * shows it here owned by an unmapped uid, so nothing can be added to it: a tmpfs of the engine's
   * own is mounted over it, in the engine's mount namespace only.
   */
  async prepareNetns(): Promise<void> {
    if (existsSync('/run/netns')) {
      if (isWritable('/run/netns')) return;
      await execa('mount', ['-t', 'tmpfs', '-o', 'mode=0755', 'tmpfs', '/run/netns'], { stdin: 'ignore' });
      return;
    }
    const probe = `tsc-probe-${process.pid}`;
    await this.execute([`netns add ${probe}`, `netns del ${probe}`], {});
  }

  /** `ip -j <args>` parsed, e.g. `['link', 'show', 'type', 'bridge']`. */
  async json<T>(args: readonly string[]): Promise<T> {
    const result = await execa(this.path, ['-j', ...args], { stdin: 'ignore' });
    return JSON.parse(result.stdout || '[]') as T;
  }

  private async execute(lines: readonly string[], options: IpRunOptions): Promise<string> {
    const args = [
      ...(options.netns ? ['-n', options.netns] : []),
      ...(options.tolerant ? ['-force'] : []),
      '-batch',
      '-',
    ];
    const result = await runProgram(this.path, args, { input: lines.join('\n') + '\n' });
    if (result.exitCode === 0) return '';
    if (options.tolerant) return result.stderr.trim();
    throw new Error(`ip ${args.join(' ')} failed: ${describeFailure(result)}\n  ${lines.join('\n  ')}`);
  }
}

function isWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
