/**
 * Stage: `extends`, as compose-go's `ApplyExtends` does it. A service that extends another starts
 * from a copy of it, with its own definition merged on top by the override rules (ports and
 * volumes append, environment merges, command is replaced…). The base comes from the same
 * document, or from another file (`extends.file`) whose paths the caller has already made
 * relative to that file's folder; chains are followed as deep as they go, each link resolved in
 * the file that wrote it.
 *
 * Where things are looked up, as in compose-go:
 * - a relative `extends.file` is joined to the project's working directory (not to the folder of
 *   the file that says it; inside an extended file, the caller has already rebased it);
 * - a same-file `extends` only sees the services of the current document (includes already
 *   merged in), not those of earlier `-f` files;
 * - `!reset` / `!override` written on the extending service remove that attribute from the copy
 *   of the base before the merge, using the resets of the file where the extending service is.
 *
 * Loading the other file is the caller's job (`loadExtendedFile`), so this stage reads no disk. A
 * chain that comes back to a service already on it is an error that spells the chain out.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { applyResets } from './apply-resets.js';
import { ComposeFileError } from './errors.js';
import { childOf, entriesOf, isMapping, mappingOf, type LocatedValue } from './located-value.js';
import type { LocatedTree } from './located-tree.js';
import { mergeValuesAt } from './merge.js';
import { locate, type SourceNode, type SourcePosition } from './source-map.js';
import type { TreePath } from './tree-path.js';

/** A file named by `extends.file`: its model, and the `!reset`/`!override` paths it wrote. */
export interface ExtendedFile extends LocatedTree {
  readonly resets?: readonly TreePath[];
}

export interface ExtendsContext {
  /** The file being loaded: named in error messages and in cycle reports. */
  readonly file: string;
  /**
   * Relative `extends.file` paths are joined to it: the project (or included project) directory.
   * Defaults to the folder of `file`, which is the same thing for a project's main file only.
   */
  readonly workingDir?: string;
  /** The document's `!reset`/`!override` paths; they also apply to the bases it extends. */
  readonly resets?: readonly TreePath[];
  /**
   * Loads the raw model of another compose file (its documents interpolated, merged and made
   * canonical, paths rebased to its folder); its own `include` and `extends` are not applied.
   */
  readonly loadExtendedFile: (path: string) => ExtendedFile;
}

/** The services of one file, as the extends chain sees them. */
interface ServiceScope {
  readonly file: string;
  readonly services: LocatedValue;
  readonly resets: readonly TreePath[];
  /** Services already resolved, so a base shared by many is resolved once. */
  readonly resolved: Map<string, LocatedValue>;
}

interface ChainLink {
  readonly file: string;
  readonly service: string;
}

interface ExtendsReference {
  readonly service: string;
  readonly file?: string;
}

interface Resolver {
  readonly workingDir: string;
  readonly loadExtendedFile: (path: string) => ExtendedFile;
  /** Files already loaded by this document, so many services extending one file read it once. */
  readonly scopes: Map<string, ServiceScope>;
}

export function applyExtends(document: LocatedTree, context: ExtendsContext): LocatedTree {
  const root: LocatedValue = { value: document.tree, source: document.source };
  const services = childOf(root, 'services');
  // A services section that is not a mapping is the schema's to report.
  if (!isMapping(services.value)) return document;
  const scope = newScope(context.file, services, context.resets ?? []);
  const resolver: Resolver = {
    workingDir: context.workingDir ?? dirname(context.file),
    loadExtendedFile: context.loadExtendedFile,
    scopes: new Map(),
  };
  const resolved = entriesOf(services).map(
    ([name]) => [name, resolveService(scope, name, [], resolver)] as const,
  );
  const mergedServices = mappingOf(resolved, services.source?.position);
  const entries = entriesOf(root).map(
    ([key, value]) => [key, key === 'services' ? mergedServices : value] as const,
  );
  const merged = mappingOf(entries, document.source.position);
  return { tree: merged.value as Record<string, unknown>, source: merged.source ?? document.source };
}

function newScope(file: string, services: LocatedValue, resets: readonly TreePath[]): ServiceScope {
  return { file, services, resets, resolved: new Map() };
}

function resolveService(
  scope: ServiceScope,
  name: string,
  chain: readonly ChainLink[],
  resolver: Resolver,
): LocatedValue {
  const done = scope.resolved.get(name);
  if (done) return done;
  const service = childOf(scope.services, name);
  // A service that is not a mapping (or is empty) is left for the schema to report.
  if (!isMapping(service.value) || !('extends' in service.value)) return service;

  const path = ['services', name, 'extends'];
  const reference = readExtends(childOf(service, 'extends'), name, path);
  const baseScope =
    reference.file === undefined
      ? scope
      : loadBaseScope(scope, name, { ...reference, file: reference.file }, resolver, service);
  if (!isMapping(baseScope.services.value) || !Object.hasOwn(baseScope.services.value, reference.service)) {
    throw serviceNotFound(scope, name, reference, service);
  }

  const link: ChainLink = { file: scope.file, service: name };
  const links = [...chain, link];
  if (chain.some((l) => l.file === link.file && l.service === link.service)) {
    throw new ComposeFileError({
      message: describeCycle(links),
      path,
      position: locate(service.source, ['extends']),
    });
  }

  const base = resolveService(baseScope, reference.service, links, resolver);
  const own = mappingOf(
    entriesOf(service).filter(([key]) => key !== 'extends'),
    service.source?.position,
  );
  // An empty base (`base:` with no value) adds nothing, as in compose-go.
  const merged = isMapping(base.value)
    ? mergeValuesAt(withoutResets(base, name, scope.resets, service), own, ['services', name])
    : own;
  scope.resolved.set(name, merged);
  return merged;
}

/** `extends: name`, or `extends: { service: name, file?: path }`. */
function readExtends(value: LocatedValue, name: string, path: TreePath): ExtendsReference {
  if (typeof value.value === 'string') return { service: value.value };
  if (isMapping(value.value)) {
    const { service, file } = value.value;
    if (typeof service !== 'string') {
      throw new ComposeFileError({
        message: `extends.${name}.service is required`,
        path,
        position: value.source?.position,
      });
    }
    if (file === undefined || file === null) return { service };
    if (typeof file === 'string') return { service, file };
    throw new ComposeFileError({
      message: 'extends.file must be a string',
      path: [...path, 'file'],
      position: locate(value.source, ['file']),
    });
  }
  throw new ComposeFileError({
    message: 'extends must be a service name, or a mapping with "service" (and "file")',
    path,
    position: value.source?.position,
  });
}

function loadBaseScope(
  scope: ServiceScope,
  name: string,
  reference: Required<ExtendsReference>,
  resolver: Resolver,
  service: LocatedValue,
): ServiceScope {
  const target = isAbsolute(reference.file) ? reference.file : resolve(resolver.workingDir, reference.file);
  const filePath = ['services', name, 'extends', 'file'];
  const position = locate(service.source, ['extends', 'file']);
  let loaded = resolver.scopes.get(target);
  if (!loaded) {
    loaded = readServices(target, name, loadFile(target, resolver, filePath, position), filePath, position);
    resolver.scopes.set(target, loaded);
  }
  const services = loaded.services.value as Record<string, unknown>;
  if (!Object.hasOwn(services, reference.service)) {
    throw serviceNotFound(scope, name, reference, service);
  }
  return loaded;
}

/** The services of an extended file, which must have some. */
function readServices(
  target: string,
  name: string,
  loaded: ExtendedFile,
  path: TreePath,
  position: SourcePosition | undefined,
): ServiceScope {
  if (!Object.hasOwn(loaded.tree, 'services')) {
    throw new ComposeFileError({
      message: `cannot extend service "${name}" in ${target}: no services section`,
      path,
      position,
    });
  }
  const services = childOf({ value: loaded.tree, source: loaded.source }, 'services');
  if (!isMapping(services.value)) {
    throw new ComposeFileError({
      message: `cannot extend service "${name}" in ${target}: services must be a mapping`,
      path,
      position,
    });
  }
  return newScope(target, services, loaded.resets ?? []);
}

/** The other file, or an error that points at the `extends.file` that named it. */
function loadFile(
  target: string,
  resolver: Resolver,
  path: TreePath,
  position: SourcePosition | undefined,
): ExtendedFile {
  try {
    return resolver.loadExtendedFile(target);
  } catch (error) {
    // Errors inside the other file already point into it; only "cannot read" has no line.
    if (!(error instanceof ComposeFileError) || error.line !== undefined) throw error;
    throw new ComposeFileError({ message: error.message, path, position, cause: error });
  }
}

function serviceNotFound(
  scope: ServiceScope,
  name: string,
  reference: ExtendsReference,
  service: LocatedValue,
): ComposeFileError {
  const where = reference.file === undefined ? '' : ` in ${reference.file}`;
  return new ComposeFileError({
    message: `cannot extend service "${name}" in ${scope.file}: service "${reference.service}" not found${where}`,
    path: ['services', name, 'extends'],
    position: locate(service.source, ['extends']),
  });
}

/**
 * The copy of the base with what the extending service tagged `!reset`/`!override` removed, so
 * that the service's own value (or none) is what remains. Only the tags written under
 * `services.<name>` concern it; compose-go applies the file's reset processor the same way.
 */
function withoutResets(
  base: LocatedValue,
  name: string,
  resets: readonly TreePath[],
  service: LocatedValue,
): LocatedValue {
  const relative = resets
    .filter((reset) => reset.length > 2 && reset[0] === 'services' && String(reset[1]) === name)
    .map((reset) => reset.slice(2));
  if (relative.length === 0) return base;
  const source: SourceNode = base.source ?? service.source ?? { position: { file: '', line: 0, column: 0 } };
  const pruned = applyResets({ tree: base.value as Record<string, unknown>, source }, relative);
  return { value: pruned.tree, source: pruned.source };
}

/**
 * compose-go's message for a cycle: the first service, then each service it extends in turn.
 *   Circular reference:
 *     a in /project/compose.yaml
 *     extends b in /project/compose.yaml
 *     extends a in /project/compose.yaml
 */
function describeCycle(links: readonly ChainLink[]): string {
  const lines = links.map(
    (link, index) => `  ${index === 0 ? '' : 'extends '}${link.service} in ${link.file}`,
  );
  return ['Circular reference:', ...lines].join('\n');
}
