/**
 * What `tscompose rm` does (docker compose's Remove): stop first with `-s`, then take the
 * project's containers that are not running, say which will go, and remove them once the user
 * agrees (`-f` skips the question). On a terminal the question is `? Going to remove … (y/N)`;
 * from a pipe, the message is printed and one line is read, and anything but yes keeps them
 * (compose's Pipe prompt), so a script without `-f` removes nothing.
 */
import type { ObservedContainer } from '../plan/observed-state.js';
import type { CommandContext } from './command-context.js';
import { asExitError, withReporter } from './command-reporter.js';
import { list } from './global-options.js';
import { projectOrName } from './project-or-name.js';
import { openEngine } from './project-session.js';
import type { RmArgs } from './rm.js';
import { serviceScope } from './service-scope.js';

/** Asks a yes/no question; resolves with the answer. */
export type Confirm = (message: string) => Promise<boolean>;

export async function runRm(args: RmArgs, context: CommandContext, confirm?: Confirm): Promise<void> {
  try {
    await removeStopped(args, context, confirm ?? defaultConfirm(context));
  } catch (error) {
    throw asExitError(error);
  }
}

async function removeStopped(args: RmArgs, context: CommandContext, confirm: Confirm): Promise<void> {
  const requested = list(args.service);
  const target = projectOrName(args, context, requested);
  const services = serviceScope(target, requested);
  const docker = await openEngine(context);
  const { listProjectContainers } = await import('../engine/project-containers.js');
  if (args.stop) {
    await withReporter(args, 'stop', async (reporter) => {
      const { stopContainers } = await import('../engine/stop-containers.js');
      const running = await listProjectContainers(docker, target.name, { all: false, services });
      await stopContainers({ docker, reporter, clock: Date.now }, running, target.project, {});
    });
  }
  const { inspectState } = await import('../engine/logs/container-follower.js');
  const candidates = await listProjectContainers(docker, target.name, { all: true, services });
  const stopped: ObservedContainer[] = [];
  for (const container of candidates) {
    // The list's state may be stale; compose inspects each container for the same reason.
    const state = await inspectState(docker, container.id);
    if (state && !state.Running) stopped.push(container);
  }
  if (stopped.length === 0) {
    context.io.stderr('No stopped containers\n');
    return;
  }
  const message = `Going to remove ${stopped.map((container) => container.name).join(', ')}`;
  if (args.force) context.io.stdout(`${message}\n`);
  else if (!(await confirm(message))) return;
  await withReporter(args, 'remove', async (reporter) => {
    const { removeContainers } = await import('../engine/rm-containers.js');
    await removeContainers({ docker, reporter, clock: Date.now }, stopped, {
      volumes: args.volumes,
      force: args.force,
    });
  });
}

function defaultConfirm(context: CommandContext): Confirm {
  if (process.stdin.isTTY) return askOnTerminal;
  return async (message) => {
    context.io.stdout(message);
    const answer = (context.stdin?.() ?? '').split('\n')[0] ?? '';
    return isYes(answer);
  };
}

async function askOnTerminal(message: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  try {
    // The terminal prompt (survey's Confirm) also takes `yes`.
    const answer = await terminal.question(`? ${message} (y/N) `);
    return /^(y|yes)$/i.test(answer.trim());
  } finally {
    terminal.close();
  }
}

/** compose's StringToBool (`y`, or what Go's ParseBool reads as true): `yes` is not yes. */
export function isYes(answer: string): boolean {
  return ['y', '1', 't', 'true'].includes(answer.trim().toLowerCase());
}
