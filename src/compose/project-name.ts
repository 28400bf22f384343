/**
 * Which name a project runs under, by docker compose's rules, first match wins:
 *
 * 1. `-p` / `--project-name`;
 * 2. `COMPOSE_PROJECT_NAME` from the environment (the process environment with `.env` applied);
 * 3. the top-level `name:` of the compose files: the last file that sets one wins, its value is
 *    interpolated and then normalised (`name: My App` is `myapp`);
 * 4. the project directory's name, normalised the same way.
 *
 * A name the user gives explicitly (1 and 2) is never rewritten: one that is not already
 * normal is an error, with compose-go's message. A name that normalises to nothing (a directory
 * called `__`, the root directory, `name: ${UNSET}`) is an error too. Every input is a parameter:
 * the caller reads the files, and passes the interpolation it uses for the rest of the model.
 * The chosen name is also what `${COMPOSE_PROJECT_NAME}` means in the files, which is the
 * caller's to set in the interpolation environment.
 */
import { posix } from 'node:path';
import { ComposeFileError } from './errors.js';

export interface ProjectNameInputs {
  /** `-p` / `--project-name`; an empty string counts as not given. */
  readonly flag?: string;
  /** The project environment; only `COMPOSE_PROJECT_NAME` is read, and empty counts as unset. */
  readonly environment: Readonly<Record<string, string | undefined>>;
  /** The top-level `name:` of each document of each compose file, in load order, as written. */
  readonly namesInFiles: readonly (string | undefined)[];
  /** Interpolates the chosen `name:`; leave it out for `--no-interpolate`. It may throw. */
  readonly interpolate?: (text: string) => string;
  /** false for `--no-normalize`: the `name:` is then used as written. Defaults to true. */
  readonly normalize?: boolean;
  /** The project directory: `--project-directory`, else the first compose file's folder. */
  readonly projectDirectory: string;
}

export type ProjectNameSource = 'flag' | 'environment' | 'file' | 'directory';

export interface ChosenProjectName {
  readonly name: string;
  readonly source: ProjectNameSource;
}

export const COMPOSE_PROJECT_NAME = 'COMPOSE_PROJECT_NAME';

export function chooseProjectName(inputs: ProjectNameInputs): ChosenProjectName {
  if (inputs.flag) return { name: requireValidName(inputs.flag, '-p'), source: 'flag' };
  const fromEnvironment = inputs.environment[COMPOSE_PROJECT_NAME];
  if (fromEnvironment) {
    return { name: requireValidName(fromEnvironment, COMPOSE_PROJECT_NAME), source: 'environment' };
  }
  const written = inputs.namesInFiles.filter((name): name is string => !!name).at(-1);
  if (written !== undefined) {
    const interpolated = inputs.interpolate ? inputs.interpolate(written) : written;
    const name = inputs.normalize === false ? interpolated : normalizeProjectName(interpolated);
    // A file that names the project is as explicit as `-p`: its folder is not a fallback.
    return { name: requireNonEmpty(name, `the top-level name ${JSON.stringify(written)}`), source: 'file' };
  }
  const directory = posix.basename(inputs.projectDirectory);
  return {
    name: requireNonEmpty(normalizeProjectName(directory), `the directory ${inputs.projectDirectory}`),
    source: 'directory',
  };
}

/** Lowercase, keep only `[a-z0-9_-]`, and start with a letter or digit. */
export function normalizeProjectName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[_-]+/, '');
}

export function isValidProjectName(name: string): boolean {
  return normalizeProjectName(name) === name;
}

export function invalidProjectNameError(name: string, hint?: string): ComposeFileError {
  return new ComposeFileError({
    message:
      `invalid project name ${JSON.stringify(name)}: must consist only of lowercase alphanumeric characters, ` +
      'hyphens, and underscores as well as start with a letter or number',
    hint,
  });
}

function requireValidName(name: string, givenBy: string): string {
  if (!isValidProjectName(name)) throw invalidProjectNameError(name, `set by ${givenBy}`);
  return name;
}

function requireNonEmpty(name: string, derivedFrom: string): string {
  if (name === '') {
    throw new ComposeFileError({
      message: 'project name must not be empty',
      hint: `${derivedFrom} leaves no letters or digits; set one with -p or a top-level name:`,
    });
  }
  return name;
}
