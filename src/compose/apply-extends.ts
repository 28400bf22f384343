/**
 * Stage: `extends`. A service that extends another starts from a copy of it (from the same file,
 * or from another file whose relative paths are first made relative to that file's directory),
 * chained as deep as it goes, with its own definition merged on top by the override rules.
 *
 * Loading the other file is the caller's job (`loadExtendedFile`), so this stage reads no disk;
 * it only decides. A chain that comes back to a service already on it is a cycle, and an error.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { ComposeFileError } from './errors.js';
import { childOf, entriesOf, isMapping, mappingOf, type LocatedValue } from './located-value.js';
import type { LocatedTree } from './located-tree.js';
import { mergeValuesAt } from './merge.js';
import { locate } from './source-map.js';

export interface ExtendsContext {
  /** The file whose services are being extended: names relative `extends.file` paths. */
  readonly file: string;
  /** Loads another compose file's raw model: parsed and interpolated, paths made absolute. */
  readonly loadExtendedFile: (path: string) => LocatedTree;
}

interface ServicesOfFile {
  readonly file: string;
  readonly services: LocatedValue;
}

export function applyExtends(document: LocatedTree, context: ExtendsContext): LocatedTree {
  const root: LocatedValue = { value: document.tree, source: document.source };
  const services = childOf(root, 'services');
  if (!isMapping(services.value)) return document;
  const own: ServicesOfFile = { file: context.file, services };
  const resolved = entriesOf(services).map(
    ([name]) => [name, resolveService(own, name, [], context)] as const,
  );
  const mergedServices = mappingOf(resolved, services.source?.position);
  const entries = entriesOf(root).map(
    ([key, value]) => [key, key === 'services' ? mergedServices : value] as const,
  );
  const merged = mappingOf(entries, document.source.position);
  return { tree: merged.value as Record<string, unknown>, source: merged.source ?? document.source };
}

function resolveService(
  scope: ServicesOfFile,
  name: string,
  chain: readonly string[],
  context: ExtendsContext,
): LocatedValue {
  const service = childOf(scope.services, name);
  if (!isMapping(service.value) || !('extends' in service.value)) return service;
  const path = ['services', name, 'extends'];
  const extendsValue = childOf(service, 'extends');
  const { ref, file } = readExtends(extendsValue, path);
  const link = `${scope.file}:${name}`;
  if (chain.includes(link)) {
    throw new ComposeFileError({
      message: `circular reference with extends: ${[...chain, link].map(describeLink).join(' -> ')}`,
      path,
      position: locate(service.source, ['extends']) ?? service.source?.position,
    });
  }

  let baseScope = scope;
  if (file !== undefined) {
    const target = isAbsolute(file) ? file : resolve(dirname(scope.file), file);
    const loaded = context.loadExtendedFile(target);
    const services = childOf({ value: loaded.tree, source: loaded.source }, 'services');
    if (!isMapping(services.value)) {
      throw new ComposeFileError({
        message: `cannot extend service "${name}": ${target} has no services section`,
        path,
        position: extendsValue.source?.position,
      });
    }
    baseScope = { file: target, services };
  }
  if (!isMapping(baseScope.services.value) || !(ref in baseScope.services.value)) {
    const where = file === undefined ? '' : ` in ${baseScope.file}`;
    throw new ComposeFileError({
      message: `cannot extend service "${name}": service "${ref}" not found${where}`,
      path: [...path, 'service'],
      position: extendsValue.source?.position,
    });
  }

  const base = resolveService(baseScope, ref, [...chain, link], context);
  const withoutExtends = mappingOf(
    entriesOf(service).filter(([key]) => key !== 'extends'),
    service.source?.position,
  );
  return mergeValuesAt(base, withoutExtends, ['services', name]);
}

function readExtends(value: LocatedValue, path: string[]): { ref: string; file?: string } {
  if (typeof value.value === 'string') return { ref: value.value };
  if (isMapping(value.value) && typeof value.value.service === 'string') {
    const file = value.value.file;
    return { ref: value.value.service, file: typeof file === 'string' ? file : undefined };
  }
  throw new ComposeFileError({
    message: 'extends must name a service: a string, or a mapping with "service" (and "file")',
    path,
    position: value.source?.position,
  });
}

function describeLink(link: string): string {
  return link.slice(link.lastIndexOf(':') + 1);
}
