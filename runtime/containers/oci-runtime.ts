/**
 * The OCI runtime's command line (runc, or crun, which takes the same verbs): state, start, kill,
 * delete and exec, all with the engine's `--root` so that every engine process, old or new, sees
 * the same containers. `create` is not here: conmon runs it, so that conmon is the container's
 * parent and outlives the engine.
 *
 * `exec` is what healthchecks use: the probe runs with the container's own process settings
 * (runc copies user, environment, capabilities and cwd from the container's spec), its output is
 * collected up to a limit, and on timeout the probe process itself is killed, not only runc.
 */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { findProgram } from '../host/find-program.js';
import { describeFailure } from '../storage/command-failure.js';
import { runProgram, runProgramOrFail } from '../storage/run-program.js';

export type OciRuntimeName = 'runc' | 'crun';

export interface RuntimeState {
  status: 'creating' | 'created' | 'running' | 'paused' | 'stopped';
  pid: number;
}

export interface ExecResult {
  exitCode: number;
  output: string;
  timedOut: boolean;
}

export class OciRuntime {
  constructor(
    readonly path: string,
    readonly root: string,
  ) {}

  /** The runtime by name, found as doctor finds it (PATH plus the sbin folders). */
  static locate(
    name: OciRuntimeName,
    root: string,
    env: Readonly<Record<string, string | undefined>> = process.env,
  ): OciRuntime {
    const path = findProgram(name, env);
    if (path === undefined)
      throw new Error(`the OCI runtime ${name} is not installed (see \`tscompose doctor\`)`);
    return new OciRuntime(path, root);
  }

  /** `undefined` when the runtime does not know the container. */
  async state(id: string): Promise<RuntimeState | undefined> {
    const result = await runProgram(this.path, ['--root', this.root, 'state', id]);
    if (result.exitCode !== 0) {
      if (/does not exist|not exist|No such file/i.test(result.stderr)) return undefined;
      throw new Error(`${this.path} state ${id}: ${result.stderr.trim()}`);
    }
    const state = JSON.parse(result.stdout) as { status: RuntimeState['status']; pid: number };
    return { status: state.status, pid: state.pid };
  }

  async start(id: string): Promise<void> {
    await this.run(['start', id]);
  }

  async kill(id: string, signal: string): Promise<void> {
    await this.run(['kill', id, signal]);
  }

  /**
   * Forgets a stopped (or, forced, any) container; a container already gone is fine. runc and crun
   * keep each container's state in `<root>/<id>`: without that folder there is nothing to delete,
   * and the runtime is not run (a process start costs the engine several milliseconds).
   */
  async delete(id: string): Promise<void> {
    if (!existsSync(join(this.root, id))) return;
    const result = await runProgram(this.path, ['--root', this.root, 'delete', '--force', id]);
    if (result.exitCode !== 0 && !/does not exist|not exist/i.test(result.stderr)) {
      throw new Error(`${this.path} delete ${id}: ${result.stderr.trim()}`);
    }
  }

  async exec(
    id: string,
    args: readonly string[],
    options: { timeoutMs: number; maxOutput: number; pidFile: string },
  ): Promise<ExecResult> {
    await rm(options.pidFile, { force: true });
    const child = spawn(
      this.path,
      ['--root', this.root, 'exec', '--pid-file', options.pidFile, id, ...args],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const chunks: Buffer[] = [];
    let size = 0;
    const collect = (chunk: Buffer): void => {
      if (size < options.maxOutput) chunks.push(chunk);
      size += chunk.length;
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      void killExecProcess(options.pidFile);
      child.kill('SIGKILL');
    }, options.timeoutMs);
    const exitCode = await new Promise<number>((resolve) => {
      child.on('error', (error) => {
        collect(Buffer.from(String(error)));
        resolve(-1);
      });
      child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : -1)));
    });
    clearTimeout(timer);
    return { exitCode, output: Buffer.concat(chunks).toString('utf8', 0, options.maxOutput), timedOut };
  }

  private async run(args: string[]): Promise<void> {
    try {
      await runProgramOrFail(this.path, ['--root', this.root, ...args]);
    } catch (cause) {
      throw new Error(`${this.path} ${args[0]}: ${describeFailure(cause)}`, { cause });
    }
  }
}

/** The exec'd process lives in the container's pid namespace but is visible from ours; kill it there. */
async function killExecProcess(pidFile: string): Promise<void> {
  try {
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    if (pid > 0) process.kill(pid, 'SIGKILL');
  } catch {
    // ENOENT (runc has not written the pid yet) or ESRCH (it already exited): nothing to kill.
  }
}
