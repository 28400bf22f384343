/**
 * Which project a command that acts on existing containers (`ps`, `logs`, `stop` …) is about,
 * decided as docker compose's projectOrName does: with `-p` and no `-f`, the name alone (no file
 * is read, so these commands work from anywhere); otherwise the project is loaded, and when that
 * fails `COMPOSE_PROJECT_NAME` still names it. With a loaded project, commands can also check
 * service names and leave orphans out.
 */
import type { Project } from '../compose/project.js';
import type { CommandContext } from './command-context.js';
import { list, type GlobalArgs } from './global-options.js';
import { loadCommandProject } from './project-session.js';

export interface ProjectTarget {
  readonly name: string;
  /** Absent when only the name is known. */
  readonly project?: Project;
}

export function projectOrName(
  args: GlobalArgs,
  context: CommandContext,
  services: readonly string[] = [],
): ProjectTarget {
  const named = args['project-name'];
  if (named !== undefined && list(args.file).length === 0) return { name: named.toLowerCase() };
  try {
    const { project } = loadCommandProject(args, context, services);
    return { name: project.name, project };
  } catch (error) {
    const fromEnv = context.env.COMPOSE_PROJECT_NAME;
    if (fromEnv) return { name: fromEnv.toLowerCase() };
    throw error;
  }
}
