/**
 * The per-file half of the loader: compose files to one merged, canonical model, as compose-go's
 * loadYamlModel does it. For each YAML document of each file, in order: interpolate, pull in
 * `include`d projects, clear what `!reset`/`!override` name in the model so far, resolve
 * `extends`, merge, drop duplicates, validate against the schema, and bring every short syntax to
 * its long form. Then default values and absolute paths.
 *
 * This module decides and chains; each step is its own stage. It reads files only through the
 * `FileSystem` it is given, and reports warnings through `warn`.
 */
import { dirname, relative } from 'node:path';
import { applyExtends, type ExtendedFile } from './apply-extends.js';
import { applyInclude, type IncludedProject } from './apply-include.js';
import { applyResets } from './apply-resets.js';
import { toCanonical, toCanonicalSyntax } from './canonical.js';
import { setDefaultValues } from './defaults.js';
import { readEnvFilesForInclude } from './environment.js';
import { enforceUnicity } from './enforce-unicity.js';
import { ComposeFileError, throwIfAny } from './errors.js';
import type { FileSystem } from './file-system.js';
import { interpolateDocument } from './interpolate.js';
import type { LocatedTree } from './located-tree.js';
import { mergeDocuments } from './merge.js';
import { parseComposeYaml, type ParsedDocument } from './parse.js';
import { resolveRelativePaths } from './resolve-paths.js';
import type { TreePath } from './tree-path.js';
import { validateSchema } from './validate-schema.js';

export interface ModelContext {
  readonly fs: FileSystem;
  /** The project directory: relative paths in the model start here. */
  readonly workingDir: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly interpolate: boolean;
  readonly validate: boolean;
  readonly resolvePaths: boolean;
  /** The content behind `-f -`. */
  readonly stdin?: string;
  readonly home?: string;
  /** Files being included right now, outermost first (include cycle detection). */
  readonly includeStack: readonly string[];
  readonly warn: (message: string) => void;
}

export interface ComposeFileText {
  readonly file: string;
  readonly documents: readonly ParsedDocument[];
}

/** Reads and parses each file once; the caller also needs the documents for the project name. */
export function readComposeFiles(
  files: readonly string[],
  context: Pick<ModelContext, 'fs' | 'stdin'>,
): ComposeFileText[] {
  return files.map((file) => ({ file, documents: parseComposeYaml(file, readComposeFile(file, context)) }));
}

export function loadModel(files: readonly ComposeFileText[], context: ModelContext): LocatedTree {
  let model = mergeFiles(files, context);
  if (context.interpolate) {
    // Without interpolation compose prints the syntax-only form: `${MEM}` is no byte size yet.
    model = { ...model, tree: toCanonical(model.tree, { source: model.source, warn: context.warn }) };
  }
  model = { ...model, tree: setDefaultValues(model.tree) };
  return context.resolvePaths ? withAbsolutePaths(model, context) : model;
}

/** Each document of each file in turn: the merged model, canonical in syntax only. */
function mergeFiles(files: readonly ComposeFileText[], context: ModelContext): LocatedTree {
  let model: LocatedTree = {
    tree: {},
    source: { position: { file: files[0]?.file ?? '', line: 1, column: 1 } },
  };
  for (const { file, documents } of files) {
    for (const document of documents) model = addDocument(model, file, document, context);
  }
  return model;
}

function withAbsolutePaths(model: LocatedTree, context: ModelContext): LocatedTree {
  return {
    ...model,
    tree: resolveRelativePaths(model.tree, {
      workingDir: context.workingDir,
      home: context.home,
      source: model.source,
    }),
  };
}

function addDocument(
  model: LocatedTree,
  file: string,
  parsed: ParsedDocument,
  context: ModelContext,
): LocatedTree {
  if (parsed.tree === null) return model;
  if (typeof parsed.tree !== 'object' || Array.isArray(parsed.tree)) {
    throw new ComposeFileError({
      message: 'top-level object must be a mapping',
      position: parsed.source.position,
    });
  }
  let document: LocatedTree = { tree: parsed.tree as Record<string, unknown>, source: parsed.source };
  if (context.interpolate) {
    const interpolated = interpolateDocument(document, lookupIn(context.environment));
    interpolated.warnings.forEach(context.warn);
    document = { ...document, tree: interpolated.tree };
  }
  document = applyInclude(document, {
    file,
    workingDir: context.workingDir,
    environment: context.environment,
    includeStack: context.includeStack,
    resets: parsed.resets,
    fs: context.fs,
    readEnvFiles: (paths, environment) => readEnvFilesForInclude(paths, environment, context.fs),
    loadIncludedModel: (project) => loadIncludedModel(project, context),
  });
  const base = applyResets(model, parsed.resets);
  document = applyExtends(document, {
    file,
    workingDir: context.workingDir,
    resets: parsed.resets,
    loadExtendedFile: (path) => loadExtendedFile(path, context),
  });
  let merged = enforceUnicity(mergeDocuments(base, document));
  if (context.validate) {
    throwIfAny(validateSchema(merged));
  }
  if ('version' in merged.tree) {
    context.warn(
      `${file}: the attribute \`version\` is obsolete, it will be ignored, please remove it to avoid potential confusion`,
    );
    const { version: _version, ...rest } = merged.tree;
    merged = { ...merged, tree: rest };
  }
  // Per file only the syntax is made canonical, so the merged model still validates when the
  // next file is merged; the binding to the model's types waits for all files (loadModel).
  const canonical = toCanonicalSyntax(merged.tree, {
    source: merged.source,
    warn: context.warn,
    // Without interpolation `${PORT}:80` cannot be parsed yet; compose keeps such values as written.
    unreadable: context.interpolate ? 'fail' : 'keep',
  });
  return enforceUnicity({ ...merged, tree: canonical });
}

/**
 * An included project is loaded whole, with its own directory and environment, paths resolved.
 * It is merged into the including document and validated with it, so it stays in the syntax
 * form a compose file may be written in: the binding to the model's types (`ulimits: {single}`)
 * waits for the including project.
 */
function loadIncludedModel(project: IncludedProject, context: ModelContext): LocatedTree {
  const includeContext: ModelContext = {
    ...context,
    workingDir: project.projectDirectory,
    environment: project.environment,
    includeStack: project.includeStack,
  };
  const merged = mergeFiles(readComposeFiles(project.files, context), includeContext);
  // Defaults before paths, as compose-go does for it: a default build context is its directory.
  return withAbsolutePaths({ ...merged, tree: setDefaultValues(merged.tree) }, includeContext);
}

/**
 * The file an `extends.file` names, as compose-go's getExtendsBaseFromFile loads it: every
 * document interpolated, merged and made canonical (syntax only; its own includes and extends
 * are not applied here), then its relative paths rebased to its folder, written relative to the
 * project directory so that `--no-path-resolution` prints them as compose does. The
 * `!reset`/`!override` paths of its last document go with it: they apply to the bases its
 * services extend.
 */
function loadExtendedFile(path: string, context: ModelContext): ExtendedFile {
  let model: LocatedTree = { tree: {}, source: { position: { file: path, line: 1, column: 1 } } };
  let resets: readonly TreePath[] = [];
  for (const parsed of readComposeFiles([path], context).flatMap((f) => f.documents)) {
    if (parsed.tree === null || typeof parsed.tree !== 'object' || Array.isArray(parsed.tree)) continue;
    let document: LocatedTree = { tree: parsed.tree as Record<string, unknown>, source: parsed.source };
    if (context.interpolate) {
      const interpolated = interpolateDocument(document, lookupIn(context.environment));
      interpolated.warnings.forEach(context.warn);
      document = { ...document, tree: interpolated.tree };
    }
    const merged = enforceUnicity(mergeDocuments(applyResets(model, parsed.resets), document));
    const canonical = toCanonicalSyntax(merged.tree, {
      source: merged.source,
      warn: context.warn,
      unreadable: context.interpolate ? 'fail' : 'keep',
    });
    model = enforceUnicity({ ...merged, tree: canonical });
    resets = parsed.resets;
  }
  const tree = resolveRelativePaths(model.tree, {
    workingDir: relative(context.workingDir, dirname(path)) || '.',
    home: context.home,
    source: model.source,
  });
  return { ...model, tree, resets };
}

function readComposeFile(file: string, context: Pick<ModelContext, 'fs' | 'stdin'>): string {
  if (file === '-') return context.stdin ?? '';
  try {
    return context.fs.readFile(file);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file or directory' : code === 'EISDIR' ? 'is a directory' : String(cause);
    throw new ComposeFileError({ file, message: `cannot read compose file: ${reason}`, cause });
  }
}

/** Own properties only: `${constructor}` must not find Object's prototype. */
export function lookupIn(
  environment: Readonly<Record<string, string>>,
): (name: string) => string | undefined {
  return (name) => (Object.hasOwn(environment, name) ? environment[name] : undefined);
}
