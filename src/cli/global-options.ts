/**
 * Docker Compose's global flags, declared once, and their translation into the loader's options.
 * Repeatable flags (`-f`, `--env-file`, `--profile`) are plain strings that yargs collects into an
 * array when given twice, so `--profile debug config` does not swallow the command name.
 */
import type { Argv } from 'yargs';
import type { LoadOptions } from '../compose/load-options.js';
import { UsageError } from './usage-error.js';

export interface GlobalArgs {
  file?: string | string[];
  'project-name'?: string;
  'project-directory'?: string;
  'env-file'?: string | string[];
  profile?: string | string[];
  ansi: 'never' | 'always' | 'auto';
  progress?: 'auto' | 'tty' | 'plain' | 'json' | 'quiet' | 'none';
  'dry-run': boolean;
  parallel: number;
  compatibility: boolean;
  'all-resources': boolean;
  debug: boolean;
  /** Deprecated spelling of --project-directory, still accepted by docker compose. */
  workdir?: string;
  /** Deprecated spelling of `--ansi never`. */
  'no-ansi': boolean;
  verbose: boolean;
}

export function declareGlobalOptions<T>(argv: Argv<T>): Argv<T & GlobalArgs> {
  return (
    argv
      .option('all-resources', {
        type: 'boolean',
        default: false,
        describe: 'Include all resources, even those not used by services',
      })
      .option('ansi', {
        type: 'string',
        choices: ['never', 'always', 'auto'] as const,
        default: 'auto' as const,
        describe: 'Control when to print ANSI control characters',
      })
      .option('compatibility', {
        type: 'boolean',
        default: false,
        describe: 'Run compose in backward compatibility mode',
      })
      .option('dry-run', { type: 'boolean', default: false, describe: 'Execute command in dry run mode' })
      .option('env-file', {
        type: 'string',
        requiresArg: true,
        describe: 'Specify an alternate environment file',
      })
      .option('file', {
        alias: 'f',
        type: 'string',
        requiresArg: true,
        describe: 'Compose configuration files',
      })
      .option('parallel', {
        type: 'number',
        default: -1,
        describe: 'Control max parallelism, -1 for unlimited',
      })
      .option('profile', { type: 'string', requiresArg: true, describe: 'Specify a profile to enable' })
      .option('progress', {
        type: 'string',
        // "none" is docker compose's older spelling of "quiet", still accepted.
        choices: ['auto', 'tty', 'plain', 'json', 'quiet', 'none'] as const,
        describe: 'Set type of progress output (auto, tty, plain, json, quiet)',
      })
      .option('project-directory', {
        type: 'string',
        requiresArg: true,
        describe:
          'Specify an alternate working directory\n(default: the path of the, first specified, Compose file)',
      })
      .option('project-name', { alias: 'p', type: 'string', requiresArg: true, describe: 'Project name' })
      .option('debug', { type: 'boolean', default: false, hidden: true })
      // Hidden in docker compose's help too, and still accepted: old scripts pass them.
      .option('workdir', { type: 'string', requiresArg: true, hidden: true })
      .option('no-ansi', { type: 'boolean', default: false, hidden: true })
      .option('verbose', { type: 'boolean', default: false, hidden: true }) as unknown as Argv<T & GlobalArgs>
  );
}

/**
 * docker compose refuses progress output that contradicts --ansi (selectEventProcessor in
 * cmd/compose/compose.go): a live board needs ANSI, and plain lines must not get it forced on.
 */
export function checkProgressAgainstAnsi(args: GlobalArgs): void {
  const ansi = effectiveAnsi(args);
  if (args.progress === 'tty' && ansi === 'never') {
    throw new UsageError("can't use --progress tty while ANSI support is disabled");
  }
  if (args.progress === 'plain' && ansi === 'always') {
    throw new UsageError("can't use --progress plain while ANSI support is forced");
  }
}

/** --ansi, with the deprecated --no-ansi taken into account. */
export function effectiveAnsi(args: GlobalArgs): GlobalArgs['ansi'] {
  return args['no-ansi'] ? 'never' : args.ansi;
}

export interface ProcessContext {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdin?: () => string;
}

/** The loader options a command's global flags ask for. */
export function toLoadOptions(
  args: GlobalArgs,
  context: ProcessContext,
  services: string[] = [],
): LoadOptions {
  const files = list(args.file);
  return {
    workingDir: context.cwd,
    configFiles: files,
    stdin: files.includes('-') ? context.stdin?.() : undefined,
    projectDirectory: args['project-directory'] ?? args.workdir,
    projectName: args['project-name'],
    envFiles: list(args['env-file']).length > 0 ? list(args['env-file']) : undefined,
    profiles: list(args.profile).length > 0 ? list(args.profile) : undefined,
    services,
    allResources: args['all-resources'],
    environment: context.env,
  };
}

export function list(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
