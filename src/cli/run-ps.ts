/**
 * What `tscompose ps` does once its flags are parsed (docker compose's runPs): find the project,
 * list its containers, filter them by status, print them in the format asked for.
 */
import type { ContainerSummary } from '../../runtime/api/engine-types.js';
import { SERVICE_LABEL } from '../plan/compose-labels.js';
import type { CommandContext } from './command-context.js';
import { asExitError } from './command-reporter.js';
import { ExitError } from './exit-error.js';
import { formatPsJson, formatPsTable } from './format-ps.js';
import { list } from './global-options.js';
import { projectOrName } from './project-or-name.js';
import { openEngine } from './project-session.js';
import type { PsArgs } from './ps.js';

export async function runPs(args: PsArgs, context: CommandContext): Promise<void> {
  const statuses = [...list(args.status), ...statusesFromFilter(args.filter)];
  const format = readFormat(args.format);
  const requested = list(args.service);
  const target = projectOrName(args, context, requested);
  let services = requested;
  if (target.project) {
    const names = Object.keys(target.project.services);
    const unknown = requested.find((service) => !names.includes(service));
    if (unknown !== undefined) throw new ExitError(`no such service: ${unknown}`);
    // Until the user asks for orphans, only the services the project declares are listed.
    if (requested.length === 0 && !args.orphans) services = names;
  }
  let containers: ContainerSummary[];
  try {
    const { listPsContainers } = await import('../engine/ps-containers.js');
    const docker = await openEngine(context);
    containers = await listPsContainers(docker, target.name, {
      all: args.all || statuses.length > 0,
      services,
    });
  } catch (error) {
    throw asExitError(error);
  }
  if (statuses.length > 0) containers = containers.filter((container) => statuses.includes(container.State));
  context.io.stdout(renderPs(containers, args, format));
}

function renderPs(containers: ContainerSummary[], args: PsArgs, format: 'table' | 'json'): string {
  const byName = [...containers].sort((a, b) => compare(a.Names[0] ?? '', b.Names[0] ?? ''));
  if (args.quiet) return byName.map((container) => `${container.Id}\n`).join('');
  if (args.services) {
    const services = [...new Set(byName.map((container) => container.Labels[SERVICE_LABEL] ?? ''))];
    // compose prints the joined names with Println: an empty list is an empty line.
    return `${services.join('\n')}\n`;
  }
  const options = { now: new Date(), trunc: !args['no-trunc'] };
  return format === 'json' ? formatPsJson(containers, options) : formatPsTable(containers, options);
}

function readFormat(format: string | undefined): 'table' | 'json' {
  if (format === undefined || format === '' || format === 'table') return 'table';
  if (format === 'json') return 'json';
  throw new ExitError(`unsupported format ${JSON.stringify(format)}: tscompose ps prints "table" or "json"`);
}

/** `--filter status=running`; compose knows no other filter (and `source` is not implemented). */
function statusesFromFilter(filter: string | undefined): string[] {
  if (filter === undefined || filter === '') return [];
  const equals = filter.indexOf('=');
  if (equals < 0) throw new ExitError('arguments to --filter should be in form KEY=VAL');
  const key = filter.slice(0, equals);
  if (key === 'status') return [filter.slice(equals + 1)];
  if (key === 'source') throw new ExitError('not implemented');
  throw new ExitError(`unknown filter ${key}`);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
