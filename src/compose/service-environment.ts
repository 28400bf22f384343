/**
 * A service's final `environment`, as `docker compose config` prints it: its `env_file` entries
 * read in order, then its `environment` on top (compose-go's `WithServicesEnvironmentResolved`).
 *
 * - `FOO` with no value (`- FOO`, `FOO:`) takes the project environment's value; when that has
 *   none it stays null, and a null still overrides what an env file set for FOO.
 * - Env files are read in Compose's dialect, or taken as written with `format: raw`. `${VAR}`
 *   and bare `KEY` lines in them see the project environment first, then the service's
 *   `environment`; `${VAR}` then falls back to what the env files set so far.
 * - A missing file with `required: false` is skipped; a missing required file is an error.
 *
 * `docker compose config` drops `env_file` once it is resolved (`WithDiscardEnvFile`):
 * `applyServiceEnvironment` returns the service that way. Paths are expected absolute already
 * (the path resolution stage); a relative one starts at `workingDir`.
 */
import { isAbsolute, resolve } from 'node:path';
import { parseRawEnvFile, readDotenv, type EnvFileSource } from './dotenv.js';
import { ComposeFileError } from './errors.js';
import type { FileSystem } from './file-system.js';
import type { EnvFileConfig, MappingWithNulls, ServiceConfig } from './project.js';
import { locate, type SourceNode } from './source-map.js';
import type { VariableLookup } from './template.js';
import type { TreePath } from './tree-path.js';

export interface ServiceEnvironmentContext {
  /** The project environment (process environment and env files), as `${VAR}` sees it. */
  readonly lookup: VariableLookup;
  readonly fs: FileSystem;
  /** Where relative `env_file` paths start. */
  readonly workingDir?: string;
  /** The service's place in the model (`['services', 'web']`), for error paths. */
  readonly path?: TreePath;
  /** The project's source map, to give errors about `env_file` entries a position. */
  readonly source?: SourceNode;
}

export interface ResolvedServiceEnvironment {
  readonly environment: MappingWithNulls;
  /** Unset variables met in env files, as docker compose prints them. */
  readonly warnings: readonly string[];
}

export function resolveServiceEnvironment(
  service: ServiceConfig,
  context: ServiceEnvironmentContext,
): ResolvedServiceEnvironment {
  const declared = resolveDeclared(readEnvironment(service.environment), context.lookup);
  const declaredValue = (name: string): string | undefined =>
    Object.hasOwn(declared, name) ? (declared[name] ?? undefined) : undefined;
  const lookup = (name: string): string | undefined => context.lookup(name) ?? declaredValue(name);

  // compose-go reads the env files into the map that already holds the declared values, so
  // `${VAR}` in an env file can fall back to them; they are put back on top at the end.
  let values: Record<string, string> = Object.fromEntries(
    Object.entries(declared).filter((entry): entry is [string, string] => entry[1] !== null),
  );
  const warnings: string[] = [];
  readEnvFileEntries(service.env_file).forEach((entry, index) => {
    const file = isAbsolute(entry.path) ? entry.path : resolve(context.workingDir ?? '/', entry.path);
    const fieldPath = [...(context.path ?? []), 'env_file', index];
    if (!context.fs.exists(file)) {
      if (!entry.required) return;
      throw new ComposeFileError({
        message: `env file ${file} not found: stat ${file}: no such file or directory`,
        path: fieldPath,
        position: locate(context.source, fieldPath),
      });
    }
    if (context.fs.isDirectory(file)) {
      throw new ComposeFileError({
        message: `read ${file}: is a directory`,
        path: fieldPath,
        position: locate(context.source, fieldPath),
      });
    }
    const source: EnvFileSource = { file, base: values, lookup: (name) => lookup(name) };
    const text = context.fs.readFile(file);
    switch (entry.format ?? '') {
      case '':
      case '.env': {
        const result = readDotenv(text, source);
        values = result.values;
        warnings.push(...result.warnings);
        return;
      }
      case 'raw':
        values = parseRawEnvFile(text, source);
        return;
      default:
        throw new ComposeFileError({
          message: `unsupported env_file format ${JSON.stringify(entry.format)}`,
          path: [...fieldPath, 'format'],
          position: locate(context.source, [...fieldPath, 'format']),
        });
    }
  });

  return { environment: { ...values, ...declared }, warnings: [...new Set(warnings)] };
}

/** The service as `docker compose config` prints it: `environment` resolved, `env_file` gone. */
export function applyServiceEnvironment(
  service: ServiceConfig,
  context: ServiceEnvironmentContext,
): { service: ServiceConfig; warnings: readonly string[] } {
  const { environment, warnings } = resolveServiceEnvironment(service, context);
  const { env_file: _resolved, ...rest } = service;
  return { service: { ...rest, environment }, warnings };
}

/** `FOO` with no value takes the project's value when it has one. */
function resolveDeclared(declared: MappingWithNulls, lookup: VariableLookup): MappingWithNulls {
  return Object.fromEntries(
    Object.entries(declared).map(([name, value]) => [name, value ?? lookup(name) ?? null]),
  );
}

/**
 * `environment` as the model holds it, a map; the list form and non-string scalars are still
 * accepted, so this works on a model that was not normalised (`--no-normalize`).
 */
function readEnvironment(value: unknown): MappingWithNulls {
  if (Array.isArray(value)) {
    return Object.fromEntries(
      value.map((item) => {
        const text = String(item);
        const equals = text.indexOf('=');
        return equals < 0 ? [text, null] : [text.slice(0, equals), text.slice(equals + 1)];
      }),
    );
  }
  if (value === null || typeof value !== 'object') return {};
  return Object.fromEntries(
    Object.entries(value).map(([name, item]) => [name, item === null ? null : String(item)]),
  );
}

/** `env_file` in its long form; the short forms are still accepted, as for `environment`. */
function readEnvFileEntries(value: unknown): EnvFileConfig[] {
  if (value === undefined || value === null) return [];
  const list: unknown[] = Array.isArray(value) ? value : [value];
  return list.map((item): EnvFileConfig => {
    if (typeof item === 'string') return { path: item, required: true };
    const entry = item as Partial<EnvFileConfig>;
    return {
      path: String(entry.path),
      required: entry.required ?? true,
      ...(entry.format !== undefined ? { format: entry.format } : {}),
    };
  });
}
