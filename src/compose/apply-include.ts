/**
 * Stage: `include`. Each entry names compose files that form a project of their own, with its
 * own project directory and env files; that project is loaded completely (by the caller's
 * `loadIncludedModel`) and its services, networks, volumes, secrets, configs and models are added
 * to this document. A resource also defined locally is merged, the local definition winning.
 * A file that includes itself, directly or not, is an error that spells the chain out.
 */
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { ComposeFileError } from './errors.js';
import { childOf, entriesOf, isMapping, itemsOf, mappingOf, type LocatedValue } from './located-value.js';
import type { LocatedTree } from './located-tree.js';
import { mergeValuesAt } from './merge.js';
import type { FileSystem } from './file-system.js';
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
  readonly fs: FileSystem;
  /** Reads env files in order, each able to use the variables before it; the first set wins. */
  readonly readEnvFiles: (
    paths: readonly string[],
    environment: Readonly<Record<string, string>>,
  ) => Record<string, string>;
  readonly loadIncludedModel: (project: IncludedProject) => LocatedTree;
}

const IMPORTED_SECTIONS = ['services', 'volumes', 'networks', 'secrets', 'configs', 'models'] as const;

export function applyInclude(document: LocatedTree, context: IncludeContext): LocatedTree {
  const root: LocatedValue = { value: document.tree, source: document.source };
  if (!('include' in document.tree)) return document;
  const include = childOf(root, 'include');
  if (include.value !== null && !Array.isArray(include.value)) {
    throw new ComposeFileError({
      message: 'include must be a list of paths or of mappings with "path"',
      path: ['include'],
      position: include.source?.position,
    });
  }
  let sections = new Map(entriesOf(root).filter(([key]) => key !== 'include'));
  itemsOf(include).forEach((entry, index) => {
    const project = describeIncludedProject(entry, ['include', index], context);
    const imported = context.loadIncludedModel(project);
    sections = importResources(sections, { value: imported.tree, source: imported.source });
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
  const envFiles = chooseEnvFiles(spec.envFiles, projectDirectory, path, entry, context);
  const fromFiles = context.readEnvFiles(envFiles, context.environment);
  return {
    files,
    projectDirectory,
    // The including project's variables win over the included project's env files.
    environment: { ...fromFiles, ...context.environment },
    includeStack: chain,
  };
}

interface IncludeEntry {
  paths: string[];
  projectDirectory?: string;
  envFiles?: string[];
}

function readIncludeEntry(entry: LocatedValue, path: TreePath): IncludeEntry {
  if (typeof entry.value === 'string') return { paths: [entry.value] };
  const value = entry.value;
  if (isMapping(value)) {
    const paths = stringList(value.path);
    if (paths && paths.length > 0) {
      return {
        paths,
        projectDirectory: typeof value.project_directory === 'string' ? value.project_directory : undefined,
        envFiles: stringList(value.env_file),
      };
    }
  }
  throw new ComposeFileError({
    message: 'an include entry is a path, or a mapping with "path" (a path or a list of paths)',
    path,
    position: entry.source?.position,
  });
}

function chooseEnvFiles(
  explicit: string[] | undefined,
  projectDirectory: string,
  path: TreePath,
  entry: LocatedValue,
  context: IncludeContext,
): string[] {
  if (explicit === undefined || explicit.length === 0) {
    const dotEnv = join(projectDirectory, '.env');
    return context.fs.exists(dotEnv) && !context.fs.isDirectory(dotEnv) ? [dotEnv] : [];
  }
  return explicit
    .filter((file) => file !== '/dev/null')
    .map((file) => {
      const absolute = isAbsolute(file) ? file : resolve(context.workingDir, file);
      if (!context.fs.exists(absolute) || context.fs.isDirectory(absolute)) {
        throw new ComposeFileError({
          message: `env file ${absolute} not found`,
          path: [...path, 'env_file'],
          position: entry.source?.position,
        });
      }
      return absolute;
    });
}

function importResources(
  sections: Map<string, LocatedValue>,
  imported: LocatedValue,
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
        existing === undefined ? resource : mergeValuesAt(resource, existing, [section, name]),
      );
    }
    next.set(section, mappingOf(entries, local.source?.position ?? incoming.source?.position));
  }
  return next;
}

function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  return undefined;
}
