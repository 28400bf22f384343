/**
 * The project environment: the variables `${VAR}` in compose files resolve against, built the
 * way docker compose builds it before it loads anything.
 *
 * Precedence, highest first: the process environment; then the env files, later files winning
 * over earlier ones. The env files are the `--env-file` list, else `COMPOSE_ENV_FILES` (comma
 * separated), else the `.env` of the project directory unless `COMPOSE_DISABLE_ENV_FILE` is
 * true. An env file that was named and is missing is an error; a missing `.env` is not. Inside
 * an env file, `${VAR}` sees the process environment first, then what the files set so far.
 *
 * docker compose reads the default `.env` twice: once in the directory it knows before it has
 * looked for compose files (`--project-directory`, the first `-f` file's directory, or the
 * working directory), and again, without overriding anything, in the project directory once
 * `COMPOSE_FILE` or the upward search has found it. `buildProjectEnvironment` is the first read,
 * `addProjectDirectoryDotenv` the second. Before either, docker compose copies the `COMPOSE_*`
 * variables of the env files into its own process environment, which is how a `.env` can set
 * `COMPOSE_DISABLE_ENV_FILE` for every other line of itself.
 *
 * Which compose files, project name and profiles the result selects is `readComposeSettings`.
 * Reading a service's own `env_file` is `service-environment.ts`.
 */
import { isAbsolute, join, resolve } from 'node:path';
import { readDotenv } from './dotenv.js';
import { ComposeFileError } from './errors.js';
import type { FileSystem } from './file-system.js';

export interface ProjectEnvironmentInput {
  /** The process environment; unset (undefined) entries are ignored. */
  readonly processEnvironment: Readonly<Record<string, string | undefined>>;
  /**
   * The absolute working directory: `PWD` when the process environment lacks it, and where
   * relative `--env-file` and `COMPOSE_ENV_FILES` paths start.
   */
  readonly workingDir: string;
  /** `--env-file`, in order. Empty or absent: `COMPOSE_ENV_FILES`, else the default `.env`. */
  readonly envFiles?: readonly string[];
  /**
   * The directory whose `.env` is read by default, as known before compose files are found:
   * `--project-directory`, else the directory of the first `-f` file, else `workingDir`.
   */
  readonly directory: string;
  readonly fs: FileSystem;
}

export interface ProjectEnvironment {
  readonly variables: Readonly<Record<string, string>>;
  /** The `--env-file` / `COMPOSE_ENV_FILES` files, absolute; empty when the default `.env` applies. */
  readonly envFiles: readonly string[];
  /** Every env file that was read, in order. */
  readonly filesRead: readonly string[];
  /** Unset variables met in env files, as docker compose prints them. */
  readonly warnings: readonly string[];
}

const COMPOSE_ENV_FILES = 'COMPOSE_ENV_FILES';
const COMPOSE_DISABLE_ENV_FILE = 'COMPOSE_DISABLE_ENV_FILE';
const DEFAULT_ENV_FILE = '.env';

export function buildProjectEnvironment(input: ProjectEnvironmentInput): ProjectEnvironment {
  const processVariables = definedVariables(input.processEnvironment);
  const envFiles = namedEnvFiles(input, processVariables);

  // docker compose's first pass (setEnvWithDotEnv): COMPOSE_* from the env files join the
  // process environment, so they count as set by the caller from here on.
  const early = readEnvFiles(selectEnvFiles(envFiles, processVariables, input.directory, input.fs), {
    environment: processVariables,
    fs: input.fs,
  });
  const promoted = withMissing(
    processVariables,
    Object.fromEntries(Object.entries(early.variables).filter(([name]) => name.startsWith('COMPOSE_'))),
  );

  const start = Object.hasOwn(promoted, 'PWD') ? promoted : { ...promoted, PWD: input.workingDir };
  const files = selectEnvFiles(envFiles, promoted, input.directory, input.fs);
  const read = readEnvFiles(files, { environment: start, fs: input.fs });
  return {
    variables: withMissing(start, read.variables),
    envFiles,
    filesRead: files,
    warnings: unique([...early.warnings, ...read.warnings]),
  };
}

/**
 * The second read of the default `.env`, from the project directory found by `COMPOSE_FILE` or
 * the upward search. It only adds variables that are not set yet, and does nothing when env
 * files were named or that `.env` was already read.
 */
export function addProjectDirectoryDotenv(
  environment: ProjectEnvironment,
  projectDirectory: string,
  fs: FileSystem,
): ProjectEnvironment {
  if (environment.envFiles.length > 0) return environment;
  const files = selectEnvFiles([], environment.variables, projectDirectory, fs).filter(
    (file) => !environment.filesRead.includes(file),
  );
  if (files.length === 0) return environment;
  const read = readEnvFiles(files, { environment: environment.variables, fs });
  return {
    variables: withMissing(environment.variables, read.variables),
    envFiles: environment.envFiles,
    filesRead: [...environment.filesRead, ...files],
    warnings: unique([...environment.warnings, ...read.warnings]),
  };
}

/** `--env-file` if given, else `COMPOSE_ENV_FILES`; absolute, with `~` expanded. */
function namedEnvFiles(
  input: ProjectEnvironmentInput,
  processVariables: Readonly<Record<string, string>>,
): string[] {
  const given =
    input.envFiles && input.envFiles.length > 0
      ? input.envFiles
      : (processVariables[COMPOSE_ENV_FILES] ?? '').split(',').filter((file) => file !== '');
  return given.map((file) => absoluteEnvFilePath(file, input.workingDir, processVariables.HOME));
}

function absoluteEnvFilePath(file: string, workingDir: string, home: string | undefined): string {
  const expanded = file.startsWith('~') && home ? join(home, file.slice(1)) : file;
  return isAbsolute(expanded) ? expanded : resolve(workingDir, expanded);
}

/** The named files, else the directory's `.env` when it exists, is a file and is not disabled. */
function selectEnvFiles(
  named: readonly string[],
  environment: Readonly<Record<string, string>>,
  directory: string,
  fs: FileSystem,
): readonly string[] {
  if (named.length > 0) return named;
  const disabled = environment[COMPOSE_DISABLE_ENV_FILE];
  if (Object.hasOwn(environment, COMPOSE_DISABLE_ENV_FILE) && parseGoBool(disabled ?? '')) return [];
  const dotenv = join(directory, DEFAULT_ENV_FILE);
  return fs.exists(dotenv) && !fs.isDirectory(dotenv) ? [dotenv] : [];
}

interface EnvFilesRead {
  readonly variables: Record<string, string>;
  readonly warnings: readonly string[];
}

/**
 * compose-go's `GetEnvFromFile`: the files in order into one set of variables, later files
 * winning; `${VAR}` and bare `KEY` lines see `environment` first, then what is read so far.
 */
function readEnvFiles(
  files: readonly string[],
  context: { environment: Readonly<Record<string, string>>; fs: FileSystem },
): EnvFilesRead {
  let variables: Record<string, string> = {};
  const warnings: string[] = [];
  for (const file of files) {
    if (!context.fs.exists(file)) {
      throw new ComposeFileError({ message: `couldn't find env file: ${file}` });
    }
    if (context.fs.isDirectory(file)) throw new ComposeFileError({ message: `${file} is a directory` });
    const result = readDotenv(context.fs.readFile(file), {
      file,
      base: variables,
      lookup: (name, parsed) =>
        Object.hasOwn(context.environment, name) ? context.environment[name] : parsed.get(name),
    });
    variables = result.values;
    warnings.push(...result.warnings);
  }
  return { variables, warnings };
}

/**
 * An `include` entry's `env_file` list, read as compose-go reads it for the included project:
 * missing files are errors, `${VAR}` sees `environment` first. The variables the files set.
 */
export function readEnvFilesForInclude(
  files: readonly string[],
  environment: Readonly<Record<string, string>>,
  fs: FileSystem,
): Record<string, string> {
  return readEnvFiles(files, { environment, fs }).variables;
}

/** Go's `strconv.ParseBool`, which docker compose applies to COMPOSE_DISABLE_ENV_FILE. */
function parseGoBool(value: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  throw new ComposeFileError({
    message: `${COMPOSE_DISABLE_ENV_FILE}: strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`,
  });
}

function definedVariables(environment: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environment).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** compose-go's `Mapping.Merge`: adds what `extra` sets and `base` does not. */
export function withMissing(
  base: Readonly<Record<string, string>>,
  extra: Readonly<Record<string, string>>,
): Record<string, string> {
  // Built with fromEntries so that a variable named `__proto__` stays a plain entry.
  return Object.fromEntries([
    ...Object.entries(base),
    ...Object.entries(extra).filter(([name]) => !Object.hasOwn(base, name)),
  ]);
}

function unique(messages: readonly string[]): string[] {
  return [...new Set(messages)];
}

export interface ComposeSettings {
  /**
   * `COMPOSE_FILE` split on `COMPOSE_PATH_SEPARATOR` (`:` when unset or empty), as written:
   * relative entries start at the working directory. Undefined when `COMPOSE_FILE` is unset;
   * it only applies when no `-f` was given.
   */
  readonly composeFiles?: readonly string[];
  /** `COMPOSE_PROJECT_NAME`, when set and not empty; `-p` wins over it. */
  readonly projectName?: string;
  /** `COMPOSE_PROFILES` split on commas and trimmed; `--profile` replaces it. */
  readonly profiles: readonly string[];
}

/** The `COMPOSE_*` variables that choose what to load, read from a built project environment. */
export function readComposeSettings(variables: Readonly<Record<string, string>>): ComposeSettings {
  const get = (name: string): string | undefined =>
    Object.hasOwn(variables, name) ? variables[name] : undefined;
  const composeFile = get('COMPOSE_FILE');
  const separator = get('COMPOSE_PATH_SEPARATOR') || ':';
  const projectName = get('COMPOSE_PROJECT_NAME');
  // An empty entry enables nothing, so dropping it changes nothing but the list's look.
  const profiles = (get('COMPOSE_PROFILES') ?? '')
    .split(',')
    .map((profile) => profile.trim())
    .filter((profile) => profile !== '');
  return {
    ...(composeFile !== undefined ? { composeFiles: composeFile.split(separator) } : {}),
    ...(projectName ? { projectName } : {}),
    profiles,
  };
}
