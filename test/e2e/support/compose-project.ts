/**
 * One compose project for one test: a fixture (test/e2e/fixtures/<name>/) copied into a fresh
 * temporary folder, so the test may change its files, and a project name of the test's own, so
 * projects never share containers, networks or volumes. `run` is `tscompose -p <name> …` in that
 * folder, with the busybox test image and the fixture's variables in the environment.
 *
 * `remove` is the afterAll half: `down -v`, then the folder goes. (The fixtures' services stop at
 * once on SIGTERM, so no `-t 0` is needed.)
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { tscompose, type CommandResult, type RunOptions } from './commands.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

export interface ComposeProject {
  readonly name: string;
  readonly dir: string;
  /** `tscompose -p <name> …args` in the project's folder; `env` adds to the project's variables. */
  run(args: readonly string[], options?: RunOptions): Promise<CommandResult>;
  /** As `run`, but a non-zero exit throws with what the command printed. */
  ok(args: readonly string[], options?: RunOptions): Promise<string>;
  remove(): Promise<void>;
}

export interface ProjectOptions {
  /** The fixture folder's name under test/e2e/fixtures/. */
  readonly fixture: string;
  /** The compose project name: unique to the test. */
  readonly name: string;
  /** Variables the compose file interpolates (BUSYBOX is always there). */
  readonly env: Readonly<Record<string, string>>;
}

export async function composeProject(options: ProjectOptions): Promise<ComposeProject> {
  const dir = await mkdtemp(join(tmpdir(), `tscompose-e2e-${options.name}-`));
  await cp(join(FIXTURES, options.fixture), dir, { recursive: true });
  const env = { BUSYBOX: inject('busybox').reference, ...options.env };
  const run = (args: readonly string[], runOptions: RunOptions = {}): Promise<CommandResult> =>
    tscompose(['-p', options.name, ...args], { ...runOptions, cwd: dir, env: { ...env, ...runOptions.env } });
  const ok = async (args: readonly string[], runOptions: RunOptions = {}): Promise<string> => {
    const result = await run(args, runOptions);
    if (result.code !== 0) throw new Error(describeFailure(options.name, args, result));
    return result.stdout;
  };
  const remove = async (): Promise<void> => {
    const down = await run(['down', '-v']);
    await rm(dir, { recursive: true, force: true });
    if (down.code !== 0) throw new Error(describeFailure(options.name, ['down', '-v'], down));
  };
  return { name: options.name, dir, run, ok, remove };
}

export function describeFailure(name: string, args: readonly string[], result: CommandResult): string {
  const output = [result.stderr.trim(), result.stdout.trim()].filter(Boolean).join('\n');
  return `tscompose -p ${name} ${args.join(' ')} exited ${result.code}:\n${output}`;
}
