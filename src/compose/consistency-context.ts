/**
 * What the consistency rules share: the project they read, the shape of a finding, and small
 * readers that accept the canonical form and the short forms compose also allows. Rules live in
 * check-service-settings.ts, check-service-references.ts and check-consistency.ts.
 */
import { isMapping } from './located-value.js';
import type { SourceNode } from './source-map.js';
import type { TreePath } from './tree-path.js';

export type Tree = Record<string, unknown>;

export interface Context {
  readonly project: Tree;
  readonly services: Readonly<Record<string, Tree>>;
  readonly disabled: Readonly<Record<string, { readonly profiles?: readonly string[] }>>;
  readonly source: SourceNode;
}

export interface Service {
  readonly name: string;
  readonly config: Tree;
  readonly path: TreePath;
}

export interface Finding {
  readonly path: TreePath;
  readonly message: string;
  readonly hint?: string;
  /** Where to point when that is not `path` itself. */
  readonly pointAt?: TreePath;
}

export type ServiceRule = (service: Service, context: Context) => Finding[];
export type ProjectRule = (context: Context) => Finding[];

/** compose-go wraps most consistency errors in errdefs.ErrInvalid, which prints this suffix. */
export const INVALID = ': invalid compose project';

export function mapping(value: unknown): Tree | undefined {
  return isMapping(value) ? value : undefined;
}

export function list(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return typeof value === 'string' ? [value] : [];
}

/** The entries of a mapping whose values are mappings (services, volumes…); null counts as `{}`. */
export function mappingEntries(value: unknown): Record<string, Tree> {
  return Object.fromEntries(
    Object.entries(mapping(value) ?? {}).map(([key, entry]) => [key, mapping(entry) ?? {}]),
  );
}

/** Key-value pairs of a mapping, or of a list of names (short `depends_on`) or of `key=value`. */
export function pairsOf(value: unknown): Array<[string, unknown]> {
  if (isMapping(value)) return Object.entries(value);
  return list(value).map((entry) => {
    const [key = '', ...rest] = String(entry).split('=');
    return [key, rest.length > 0 ? rest.join('=') : {}];
  });
}

export function namesIn(value: unknown): string[] {
  return pairsOf(value).map(([key]) => key);
}
