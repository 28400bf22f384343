/**
 * What every project command (`up`, `down`, `ps`, `logs` …) starts with: the project loaded from
 * the global flags, its warnings printed, and a client for the engine. Loaded once here so the
 * commands agree on the project name and the files, as docker compose's ProjectOptions does.
 */
import type Docker from 'dockerode';
import { loadProject, type LoadedProject } from '../compose/load-project.js';
import type { CommandContext } from './command-context.js';
import { toLoadOptions, type GlobalArgs } from './global-options.js';
import { nodeFileSystem } from './node-file-system.js';

export interface ProjectSession {
  readonly loaded: LoadedProject;
  readonly docker: Docker;
}

/** Loads the project (only `services` and their dependencies when some are named). */
export function loadCommandProject(
  args: GlobalArgs,
  context: CommandContext,
  services: readonly string[] = [],
): LoadedProject {
  const loaded = loadProject(toLoadOptions(args, context, [...services]), nodeFileSystem);
  for (const warning of loaded.warnings) context.io.stderr(`WARN ${warning}\n`);
  return loaded;
}

/** The engine client, starting this user's engine when needed (src/engine/connect.ts). */
export async function openEngine(context: CommandContext): Promise<Docker> {
  const { connectEngine } = await import('../engine/connect.js');
  const { docker } = await connectEngine({ env: context.env });
  return docker;
}

export async function openProjectSession(
  args: GlobalArgs,
  context: CommandContext,
  services: readonly string[] = [],
): Promise<ProjectSession> {
  const loaded = loadCommandProject(args, context, services);
  return { loaded, docker: await openEngine(context) };
}
