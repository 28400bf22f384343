/**
 * Which compose files make up the project, found as Docker Compose finds them.
 *
 * `-f` files win; then `COMPOSE_FILE` (split on `COMPOSE_PATH_SEPARATOR`, `:` by default); then
 * the first directory, from the working directory upwards, holding one of the default names,
 * with its override file. This module decides; the `FileSystem` it is given answers whether a
 * path exists, so it runs the same on the disk and in memory.
 */
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { FileSystem } from './file-system.js';

/** In order of preference, as compose-go's cli.DefaultFileNames. */
export const DEFAULT_FILE_NAMES = [
  'compose.yaml',
  'compose.yml',
  'docker-compose.yml',
  'docker-compose.yaml',
];
export const DEFAULT_OVERRIDE_FILE_NAMES = [
  'compose.override.yml',
  'compose.override.yaml',
  'docker-compose.override.yml',
  'docker-compose.override.yaml',
];

/** The pseudo path for `-f -`. */
export const STDIN_PATH = '-';

export interface DiscoveredFiles {
  /** Absolute paths, or `-` for standard input. Empty when nothing was found. */
  readonly files: readonly string[];
  readonly warnings: readonly string[];
}

export interface DiscoverInput {
  /** Absolute working directory: where relative `-f` and COMPOSE_FILE paths start. */
  readonly workingDir: string;
  /** Where the upward search begins: `--project-directory` when given, else `workingDir`. */
  readonly searchFrom?: string;
  /** `-f`, in order. */
  readonly explicitFiles?: readonly string[];
  /** The value of COMPOSE_FILE, if set. */
  readonly composeFileVariable?: string;
  /** COMPOSE_PATH_SEPARATOR, if set. */
  readonly pathSeparator?: string;
}

export function discoverComposeFiles(input: DiscoverInput, fs: FileSystem): DiscoveredFiles {
  if (input.explicitFiles && input.explicitFiles.length > 0) {
    return { files: input.explicitFiles.map((f) => absoluteOrStdin(input.workingDir, f)), warnings: [] };
  }
  if (input.composeFileVariable !== undefined) {
    const separator = input.pathSeparator || ':';
    const files = input.composeFileVariable
      .split(separator)
      .filter((f) => f !== '')
      .map((f) => absoluteOrStdin(input.workingDir, f));
    return { files, warnings: [] };
  }
  return searchUpwards(input.searchFrom ?? input.workingDir, fs);
}

function searchUpwards(start: string, fs: FileSystem): DiscoveredFiles {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidates = existing(DEFAULT_FILE_NAMES, dir, fs);
    const [winner] = candidates;
    if (winner !== undefined) {
      const warnings = ambiguity('config', candidates);
      const overrides = existing(DEFAULT_OVERRIDE_FILE_NAMES, dir, fs);
      warnings.push(...ambiguity('override', overrides));
      const files = overrides[0] === undefined ? [winner] : [winner, overrides[0]];
      return { files, warnings };
    }
    if (dirname(dir) === dir) return { files: [], warnings: [] };
  }
}

function existing(names: readonly string[], dir: string, fs: FileSystem): string[] {
  return names.map((name) => join(dir, name)).filter((path) => fs.exists(path) && !fs.isDirectory(path));
}

function ambiguity(kind: 'config' | 'override', candidates: readonly string[]): string[] {
  if (candidates.length < 2) return [];
  return [
    `Found multiple ${kind} files with supported names: ${candidates.join(', ')}`,
    `Using ${candidates[0]}`,
  ];
}

function absoluteOrStdin(workingDir: string, file: string): string {
  if (file === STDIN_PATH) return file;
  return isAbsolute(file) ? file : resolve(workingDir, file);
}
