/**
 * What `tscompose ls` does (docker compose's runList): read the filters (`name=` only; a value
 * matches exactly or as a regular expression), list the projects, print names, a table or JSON.
 */
import type { CommandContext } from './command-context.js';
import { asExitError } from './command-reporter.js';
import { ExitError } from './exit-error.js';
import { formatLsJson, formatLsTable, projectStacks, type Stack } from './format-ls.js';
import { list } from './global-options.js';
import type { LsArgs } from './ls.js';
import { openEngine } from './project-session.js';

export async function runLs(args: LsArgs, context: CommandContext): Promise<void> {
  const names = readNameFilters(list(args.filter));
  const format = args.format.toLowerCase();
  if (!['table', 'pretty', '', 'json'].includes(format)) {
    throw new ExitError(`format value ${JSON.stringify(args.format)} could not be parsed: parsing failed`);
  }
  let stacks: Stack[];
  try {
    const { listProjectSummaries } = await import('../engine/ls-projects.js');
    stacks = projectStacks(await listProjectSummaries(await openEngine(context), args.all));
  } catch (error) {
    throw asExitError(error);
  }
  if (names.length > 0) stacks = stacks.filter((stack) => matchesName(names, stack.Name));
  if (args.quiet) {
    context.io.stdout(stacks.map((stack) => `${stack.Name}\n`).join(''));
    return;
  }
  context.io.stdout(format === 'json' ? formatLsJson(stacks) : formatLsTable(stacks));
}

function readNameFilters(filters: readonly string[]): string[] {
  return filters.map((filter) => {
    const equals = filter.indexOf('=');
    if (equals < 0) throw new ExitError(`bad format of filter (expected name=value)`);
    const key = filter.slice(0, equals).trim().toLowerCase();
    if (key !== 'name') throw new ExitError(`invalid filter '${key}'`);
    return filter.slice(equals + 1).trim();
  });
}

/** compose's match: the exact name, or a regular expression found in it. */
export function matchesName(patterns: readonly string[], name: string): boolean {
  return patterns.some((pattern) => {
    if (pattern === name) return true;
    try {
      return new RegExp(pattern).test(name);
    } catch (error) {
      // An invalid expression matches nothing, as Go's regexp.MatchString error is skipped.
      if (error instanceof SyntaxError) return false;
      throw error;
    }
  });
}
