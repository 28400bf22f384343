/**
 * The flags `up` and `create` share (docker compose's createOptions), declared once, and their
 * translation into the reconciler's options. The checks are docker compose's, with its messages.
 */
import type { Argv } from 'yargs';
import type { Project } from '../compose/project.js';
import type { PullOption } from '../engine/pull-decision.js';
import type { ReconcileGoal, ReconcileOptions } from '../plan/reconcile-options.js';
import { ExitError } from './exit-error.js';
import type { GlobalArgs } from './global-options.js';
import { list } from './global-options.js';
import { VERSION } from './version.js';

export interface CreateFlags extends GlobalArgs {
  service?: string[];
  build: boolean;
  'no-build': boolean;
  pull?: string;
  'quiet-pull': boolean;
  'force-recreate': boolean;
  'no-recreate': boolean;
  'remove-orphans'?: boolean;
  scale?: string | string[];
  yes: boolean;
}

const PULL_VALUES = ['always', 'missing', 'never', 'build', 'if_not_present', 'policy'];

export function declareCreateFlags<T>(yargs: Argv<T>): Argv<T & CreateFlags> {
  return yargs
    .positional('service', { type: 'string', array: true, describe: 'Services to act on' })
    .option('build', { type: 'boolean', default: false, describe: 'Build images before starting containers' })
    .option('force-recreate', {
      type: 'boolean',
      default: false,
      describe: "Recreate containers even if their configuration and image haven't changed",
    })
    .option('no-build', {
      type: 'boolean',
      default: false,
      describe: "Don't build an image, even if it's policy",
    })
    .option('no-recreate', {
      type: 'boolean',
      default: false,
      describe: "If containers already exist, don't recreate them. Incompatible with --force-recreate.",
    })
    .option('pull', {
      type: 'string',
      requiresArg: true,
      describe: 'Pull image before running ("always"|"missing"|"never"|"build")',
    })
    .option('quiet-pull', {
      type: 'boolean',
      default: false,
      describe: 'Pull without printing progress information',
    })
    .option('remove-orphans', {
      type: 'boolean',
      describe: 'Remove containers for services not defined in the Compose file',
    })
    .option('scale', {
      type: 'string',
      requiresArg: true,
      describe:
        'Scale SERVICE to NUM instances. Overrides the `scale` setting in the Compose file if present.',
    })
    .option('yes', {
      alias: 'y',
      type: 'boolean',
      default: false,
      describe: 'Assume "yes" as answer to all prompts and run non-interactively',
    }) as unknown as Argv<T & CreateFlags>;
}

/** Checks docker compose makes before loading anything. */
export function checkCreateFlags(args: CreateFlags): void {
  if (args.build && args['no-build']) throw new ExitError('--build and --no-build are incompatible');
  if (args['force-recreate'] && args['no-recreate'])
    throw new ExitError('--force-recreate and --no-recreate are incompatible');
  if (args.pull !== undefined && !PULL_VALUES.includes(args.pull))
    throw new ExitError(`invalid --pull option ${JSON.stringify(args.pull)}`);
  if (args.build) throw new ExitError('--build: building images is not supported yet');
}

export function pullOption(args: CreateFlags): PullOption {
  if (args.pull === undefined || args.pull === 'policy') return 'policy';
  return args.pull === 'if_not_present' ? 'missing' : (args.pull as PullOption);
}

/** `--scale web=3` → { web: 3 }, checked against the project's services. */
export function parseScale(values: readonly string[], project: Project): Record<string, number> {
  const scale: Record<string, number> = {};
  for (const value of values) {
    const equals = value.indexOf('=');
    const name = equals < 0 ? value : value.slice(0, equals);
    const count = equals < 0 ? '' : value.slice(equals + 1);
    if (equals < 0 || count === '')
      throw new ExitError(`invalid --scale option ${JSON.stringify(value)}. Should be SERVICE=NUM`);
    if (!/^-?\d+$/.test(count))
      throw new ExitError(`strconv.Atoi: parsing ${JSON.stringify(count)}: invalid syntax`);
    if (!(name in project.services)) throw new ExitError(`no such service: ${name}`);
    scale[name] = Number(count);
  }
  return scale;
}

/** Named services must exist: docker compose says `no such service: x`. */
export function checkServiceNames(names: readonly string[], project: Project): void {
  for (const name of names) if (!(name in project.services)) throw new ExitError(`no such service: ${name}`);
}

export interface ReconcileFlags {
  readonly goal: ReconcileGoal;
  readonly services: readonly string[];
  readonly noDeps: boolean;
  readonly alwaysRecreateDeps: boolean;
  readonly timeout?: number;
  readonly disabledServices: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
}

export function reconcileOptions(
  args: CreateFlags,
  project: Project,
  flags: ReconcileFlags,
): ReconcileOptions {
  const recreate = args['no-recreate'] ? 'never' : args['force-recreate'] ? 'force' : 'diverged';
  const dependencies = args['no-recreate'] ? 'never' : flags.alwaysRecreateDeps ? 'force' : 'diverged';
  const ignoreOrphans = isTrue(flags.env.COMPOSE_IGNORE_ORPHANS);
  const removeOrphans = args['remove-orphans'] ?? isTrue(flags.env.COMPOSE_REMOVE_ORPHANS);
  if (ignoreOrphans && removeOrphans)
    throw new ExitError('cannot combine COMPOSE_IGNORE_ORPHANS and --remove-orphans');
  return {
    version: VERSION,
    goal: flags.goal,
    services: flags.services,
    selection: flags.noDeps ? 'only-named' : 'with-dependencies',
    recreate,
    recreateDependencies: dependencies,
    orphans: removeOrphans ? 'remove' : ignoreOrphans ? 'ignore' : 'warn',
    scale: parseScale(list(args.scale), project),
    ...(flags.timeout !== undefined ? { stopTimeout: flags.timeout } : {}),
    disabledServices: flags.disabledServices,
  };
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && ['1', 't', 'true', 'y', 'yes', 'on'].includes(value.toLowerCase());
}
