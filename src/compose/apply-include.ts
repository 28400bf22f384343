/**
 * Stage: `include`, as compose-go's `ApplyInclude` does it. Each entry names compose files that
 * form a project of their own: its own project directory (by default the folder of its first
 * file) and its own environment (its env files, by default that directory's `.env`, under the
 * including project's variables, which win). The caller's `loadIncludedModel` loads that project
 * completely (its own includes and extends, paths made absolute against its directory); this
 * stage then adds its services, networks, volumes, secrets, configs and models to the document.
 *
 * Relative include paths, `project_directory` and `env_file` start from the including project's
 * directory (not the including file's folder). A resource the document also defines is merged
 * with the local definition on top, after the document's `!reset`/`!override` tags are applied to
 * the imported copy: compose-go's current behaviour, although the spec calls it a conflict. A file
 * that includes itself, directly or not, is an error that spells the chain out.
 */
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { applyResets } from './apply-resets.js';
import { ComposeFileError } from './errors.js';
import { withMissing } from './environment.js';
import type { FileSystem } from './file-system.js';
import {
  childOf,
  derivedScalar,
  entriesOf,
  isMapping,
  itemsOf,
  mappingOf,
  sequenceOf,
  type LocatedValue,
} from './located-value.js';
import type { LocatedTree } from './located-tree.js';
import { mergeValuesAt } from './merge.js';
import type { SourceNode } from './source-map.js';
import type { TreePath } from './tree-path.js';

export interface IncludedProject {
  /** Absolute paths: the first one is the main file, the others its overrides. */
  readonly files: readonly string[];
  readonly projectDirectory: string;
  readonly environment: Readonly<Record<string, string>>;
  /** Files being included right now, outermost first: the included project extends it. */
  readonly includeStack: readonly string[];
}

export interface IncludeContext {
  readonly file: string;
  /** Relative include paths and env files start here: the including project's directory. */
  readonly workingDir: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly includeStack: readonly string[];
  /** The document's `!reset`/`!override` paths; they also apply to imported resources it redefines. */
  readonly resets?: readonly TreePath[];
  readonly fs: FileSystem;
  /** Reads env files in order, each able to use the variables before it; the first set wins. */
  readonly readEnvFiles: (
    paths: readonly string[],
    environment: Readonly<Record<string, string>>,
  ) => Record<string, string>;
  readonly loadIncludedModel: (project: IncludedProject) => LocatedTree;
}

const IMPORTED_SECTIONS = ['services', 'volumes', 'networks', 'secrets', 'configs', 'models'] as const;

interface IncludeEntry {
  readonly paths: readonly string[];
  readonly projectDirectory?: string;
  readonly envFiles?: readonly string[];
}

export function applyInclude(document: LocatedTree, context: IncludeContext): LocatedTree {
  if (!Object.hasOwn(document.tree, 'include')) return document;
  const root: LocatedValue = { value: document.tree, source: document.source };
  const include = childOf(root, 'include');
  if (include.value !== null && !Array.isArray(include.value)) {
    throw new ComposeFileError({
      message: `\`include\` must be a list, got ${describeValue(include.value)}`,
      path: ['include'],
      position: include.source?.position,
    });
  }
  let sections = new Map(entriesOf(root).filter(([key]) => key !== 'include'));
  itemsOf(include).forEach((entry, index) => {
    const project = describeIncludedProject(entry, ['include', index], context);
    const imported = withResolvedEnvironment(context.loadIncludedModel(project), project.environment);
    sections = importResources(
      sections,
      { value: imported.tree, source: imported.source },
      context.resets ?? [],
    );
  });
  const merged = mappingOf(sections, document.source.position);
  return { tree: merged.value as Record<string, unknown>, source: merged.source ?? document.source };
}

function describeIncludedProject(
  entry: LocatedValue,
  path: TreePath,
  context: IncludeContext,
): IncludedProject {
  const spec = readIncludeEntry(entry, path);
  const files = spec.paths.map((p) => (isAbsolute(p) ? p : resolve(context.workingDir, p)));
  const main = files[0]!;
  const chain = [...context.includeStack, context.file];
  if (chain.includes(main)) {
    throw new ComposeFileError({
      message: `include cycle detected:\n${[...chain, main].join('\n include ')}`,
      path,
      position: entry.source?.position,
    });
  }
  const projectDirectory =
    spec.projectDirectory === undefined ? dirname(main) : resolve(context.workingDir, spec.projectDirectory);
  const envFiles = chooseEnvFiles(spec.envFiles, projectDirectory, [...path, 'env_file'], entry, context);
  const fromFiles = context.readEnvFiles(envFiles, context.environment);
  return {
    files,
    projectDirectory,
    // The including project's variables win over the included project's env files.
    environment: withMissing(context.environment, fromFiles),
    includeStack: chain,
  };
}

/** A path, or `{ path: path | [paths], project_directory?, env_file?: path | [paths] }`. */
function readIncludeEntry(entry: LocatedValue, path: TreePath): IncludeEntry {
  if (typeof entry.value === 'string') return { paths: [entry.value] };
  const value = entry.value;
  if (isMapping(value)) {
    const paths = stringList(value.path);
    const envFiles =
      value.env_file === undefined || value.env_file === null ? [] : stringList(value.env_file);
    const projectDirectory = value.project_directory;
    if (paths && paths.length > 0 && envFiles && isOptionalString(projectDirectory)) {
      return {
        paths,
        projectDirectory: typeof projectDirectory === 'string' ? projectDirectory : undefined,
        envFiles,
      };
    }
  }
  // compose-go quietly includes nothing when `path` is missing; naming the mistake is kinder.
  throw new ComposeFileError({
    message:
      'an include entry is a path, or a mapping with "path" (a path or a list of paths), ' +
      'and optional "project_directory" (a path) and "env_file" (a path or a list of paths)',
    path,
    position: entry.source?.position,
  });
}

/**
 * The env files that define the included project's variables: the listed ones (`/dev/null`
 * skipped, relative ones from the including project's directory), or else the `.env` of its
 * project directory when there is one.
 */
function chooseEnvFiles(
  listed: readonly string[] | undefined,
  projectDirectory: string,
  path: TreePath,
  entry: LocatedValue,
  context: IncludeContext,
): string[] {
  if (listed === undefined || listed.length === 0) {
    const dotEnv = join(projectDirectory, '.env');
    return context.fs.exists(dotEnv) && !context.fs.isDirectory(dotEnv) ? [dotEnv] : [];
  }
  const position = entry.source?.position;
  return listed
    .filter((file) => file !== '/dev/null')
    .map((file) => {
      const absolute = isAbsolute(file) ? file : resolve(context.workingDir, file);
      if (!context.fs.exists(absolute)) {
        throw new ComposeFileError({ message: `couldn't find env file: ${absolute}`, path, position });
      }
      if (context.fs.isDirectory(absolute)) {
        throw new ComposeFileError({ message: `${absolute} is not a file`, path, position });
      }
      return absolute;
    });
}

/**
 * compose-go resolves `environment` entries written without a value (`- VAR`) at the end of
 * loading each model (`ResolveEnvironment`), with that model's variables: an included project's
 * services see its own env files, which the including project does not. The mapping form
 * (`VAR:`) is resolved too, so that both forms mean the same thing here.
 */
function withResolvedEnvironment(
  model: LocatedTree,
  environment: Readonly<Record<string, string>>,
): LocatedTree {
  const root: LocatedValue = { value: model.tree, source: model.source };
  const services = childOf(root, 'services');
  if (!isMapping(services.value)) return model;
  const resolvedServices = mappingOf(
    entriesOf(services).map(
      ([name, service]) => [name, withServiceEnvironment(service, environment)] as const,
    ),
    services.source?.position,
  );
  const entries = entriesOf(root).map(
    ([key, value]) => [key, key === 'services' ? resolvedServices : value] as const,
  );
  const merged = mappingOf(entries, model.source.position);
  return { tree: merged.value as Record<string, unknown>, source: merged.source ?? model.source };
}

function withServiceEnvironment(
  service: LocatedValue,
  environment: Readonly<Record<string, string>>,
): LocatedValue {
  const declared = childOf(service, 'environment');
  if (!isMapping(service.value)) return service;
  let resolved: LocatedValue;
  if (Array.isArray(declared.value)) {
    // `- VAR` becomes `- VAR=value`; compose-go leaves anything else in the list alone.
    resolved = sequenceOf(
      itemsOf(declared).map((item) =>
        typeof item.value === 'string' && Object.hasOwn(environment, item.value)
          ? derivedScalar(`${item.value}=${environment[item.value]}`, item)
          : item,
      ),
      declared.source?.position,
    );
  } else if (isMapping(declared.value)) {
    // `VAR:` with no value is the same declaration in the mapping form.
    resolved = mappingOf(
      entriesOf(declared).map(([name, value]) => {
        const known = value.value === null && Object.hasOwn(environment, name);
        return [name, known ? derivedScalar(environment[name], value) : value] as const;
      }),
      declared.source?.position,
    );
  } else {
    return service;
  }
  return mappingOf(
    entriesOf(service).map(([key, value]) => [key, key === 'environment' ? resolved : value] as const),
    service.source?.position,
  );
}

function importResources(
  sections: Map<string, LocatedValue>,
  imported: LocatedValue,
  resets: readonly TreePath[],
): Map<string, LocatedValue> {
  const next = new Map(sections);
  for (const section of IMPORTED_SECTIONS) {
    const incoming = childOf(imported, section);
    if (!isMapping(incoming.value)) continue;
    const local = next.get(section) ?? { value: {}, source: undefined };
    const entries = new Map(entriesOf(local));
    for (const [name, resource] of entriesOf(incoming)) {
      const existing = entries.get(name);
      entries.set(
        name,
        existing === undefined
          ? resource
          : mergeValuesAt(withoutResets(resource, [section, name], resets), existing, [section, name]),
      );
    }
    next.set(section, mappingOf(entries, local.source?.position ?? incoming.source?.position));
  }
  return next;
}

/**
 * The imported copy of a resource the document redefines, without what the document tagged
 * `!reset`/`!override` under it. A tag on the resource itself removes nothing: compose-go
 * deletes it from a wrapper and merges the resource anyway.
 */
function withoutResets(resource: LocatedValue, at: TreePath, resets: readonly TreePath[]): LocatedValue {
  if (!isMapping(resource.value)) return resource;
  const relative = resets
    .filter(
      (reset) => reset.length > at.length && at.every((segment, i) => String(reset[i]) === String(segment)),
    )
    .map((reset) => reset.slice(at.length));
  if (relative.length === 0) return resource;
  const source: SourceNode = resource.source ?? { position: { file: '', line: 0, column: 0 } };
  const pruned = applyResets({ tree: resource.value, source }, relative);
  return { value: pruned.tree, source: pruned.source };
}

function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  return undefined;
}

function isOptionalString(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'string';
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return value;
  return isMapping(value) ? 'a mapping' : typeof value;
}
