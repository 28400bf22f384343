/**
 * Makes the relative paths of a compose tree absolute, against the project directory, exactly where
 * compose-go's `paths` package does: a table from tree pattern (`services.*.env_file.*.path`) to
 * the rule for that attribute. A value that matches a row is handed to its rule and not walked
 * further; everything else is walked.
 *
 * The rules differ on purpose, as they do in compose-go:
 * - local paths (`env_file`, `label_file`, `extends.file`, `include`, `develop.watch` paths)
 *   expand `~` and join anything not absolute to the project directory;
 * - host paths handed to the engine (bind sources, secret and config files, ssh keys, a local
 *   volume's bind `device`) also keep Windows absolute paths (`C:\data`, `\\host\share`), so a
 *   Windows client can drive a Linux engine and the other way round;
 * - build contexts leave remote ones alone (URLs, `github.com/…`, `git@…`, `service:x`,
 *   `docker-image://…`), and `extends.file` leaves remote compose files (git, `oci://`) alone.
 *
 * It does not touch the disk: a `develop.watch` path has its symbolic links resolved only through
 * the function the caller passes in. The input tree is not changed: the tree returned shares with
 * it what has no path to resolve. The walk enters only subtrees where some row can match.
 */
import { posix } from 'node:path';
import { ComposeFileError } from './errors.js';
import { locate, type SourceNode } from './source-map.js';
import { compilePatterns, type PathSegment, type PatternState, type TreePath } from './tree-path.js';
import { cleanPosixPath } from './clean-posix-path.js';

export interface ResolvePathsOptions {
  /**
   * The directory relative paths are joined to. It may itself be relative: the extends and
   * include stages resolve a referenced file's paths against its folder relative to the project,
   * and a later pass over the whole project makes them absolute.
   */
  readonly workingDir: string;
  /** The user's home directory, for `~`. Without one, `~` is left as written (compose-go warns). */
  readonly home?: string;
  /** Whether an `extends.file` or `include` path is fetched by a remote loader; default: git and OCI. */
  readonly isRemoteResource?: (path: string) => boolean;
  /** Resolves symbolic links in an absolute `develop.watch` path; default: none. */
  readonly resolveSymbolicLinks?: (absolutePath: string) => string;
  /** Where the tree's values came from, for error positions. */
  readonly source?: SourceNode;
}

type Rule = (value: unknown, at: TreePath, context: ResolveContext) => unknown;

interface ResolveContext {
  readonly workingDir: string;
  readonly home: string | undefined;
  readonly isRemoteResource: (path: string) => boolean;
  readonly resolveSymbolicLinks: (absolutePath: string) => string;
  readonly source: SourceNode | undefined;
}

/**
 * compose-go lists `include.path`, `include.project_directory` and `include.env_file`, but its
 * tree paths carry the list index, so those rows never match there; the include stage resolves
 * them itself and removes `include` before this pass. The rows below match list entries, so a
 * tree that still has `include` gets the paths the include stage would have computed.
 */
const RULES: PatternState<Rule> = compilePatterns<Rule>([
  ['services.*.build.context', (v, at, c) => resolveContextPath(v, at, c)],
  ['services.*.build.additional_contexts.*', (v, at, c) => resolveContextPath(v, at, c)],
  ['services.*.build.ssh.*', (v, _at, c) => resolveHostPath(v, c)],
  ['services.*.env_file.*.path', (v, at, c) => resolveLocalPath(v, at, c)],
  ['services.*.label_file.*', (v, at, c) => resolveLocalPath(v, at, c)],
  ['services.*.extends.file', (v, at, c) => resolveUnlessRemote(v, at, c)],
  ['services.*.develop.watch.*.path', (v, at, c) => resolveWatchPath(v, at, c)],
  ['services.*.volumes.*', (v, at, c) => resolveVolumeMount(v, at, c)],
  ['configs.*.file', (v, _at, c) => resolveHostPath(v, c)],
  ['secrets.*.file', (v, _at, c) => resolveHostPath(v, c)],
  ['include.*.path', (v, at, c) => resolveUnlessRemote(v, at, c)],
  ['include.*.project_directory', (v, at, c) => resolveLocalPath(v, at, c)],
  ['include.*.env_file', (v, at, c) => resolveLocalPath(v, at, c)],
  ['volumes.*', (v, _at, c) => resolveVolumeDevice(v, c)],
]);

export function resolveRelativePaths(
  tree: Record<string, unknown>,
  options: ResolvePathsOptions,
): Record<string, unknown> {
  const context: ResolveContext = {
    workingDir: options.workingDir,
    home: options.home,
    isRemoteResource: options.isRemoteResource ?? isRemoteComposeResource,
    resolveSymbolicLinks: options.resolveSymbolicLinks ?? ((path) => path),
    source: options.source,
  };
  return walk(tree, RULES, [], context) as Record<string, unknown>;
}

/** `at` is the walk's own stack; rules get a copy, since an error may keep it. */
function walk(
  value: unknown,
  state: PatternState<Rule>,
  at: PathSegment[],
  context: ResolveContext,
): unknown {
  const rule = state.matches[0];
  if (rule) return rule(value, [...at], context);
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      const result = walkChild(item, index, state, at, context);
      if (result !== item) (copy ??= value.slice())[index] = result;
    }
    return copy ?? value;
  }
  if (isMapping(value)) {
    let copy: Record<string, unknown> | undefined;
    for (const key of Object.keys(value)) {
      const item = value[key];
      const result = walkChild(item, key, state, at, context);
      // Spread and defineProperty keep a key named `__proto__` a plain own property.
      if (result !== item) {
        Object.defineProperty((copy ??= { ...value }), key, {
          value: result,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
    }
    return copy ?? value;
  }
  return value;
}

function walkChild(
  value: unknown,
  segment: PathSegment,
  parent: PatternState<Rule>,
  at: PathSegment[],
  context: ResolveContext,
): unknown {
  const state = parent.step(segment);
  // No rule matches here or below: nothing to resolve.
  if (!state) return value;
  at.push(segment);
  const result = walk(value, state, at, context);
  at.pop();
  return result;
}

/** `absPath`: a path (or list of paths) on the machine running compose. */
function resolveLocalPath(value: unknown, at: TreePath, context: ResolveContext): unknown {
  if (Array.isArray(value)) return value.map((item, i) => resolveLocalPath(item, [...at, i], context));
  if (typeof value !== 'string') {
    throw new ComposeFileError({
      message: `expected a path, got ${describeType(value)}`,
      path: at,
      position: locate(context.source, at),
    });
  }
  const path = expandUser(value, context.home);
  if (posix.isAbsolute(path) || path === '') return path;
  return joinPath(context.workingDir, path);
}

/** `maybeUnixPath`: a host path given to the engine, which may be a Windows path. */
function resolveHostPath(value: unknown, context: ResolveContext): unknown {
  if (typeof value !== 'string') return value;
  const path = expandUser(value, context.home);
  if (posix.isAbsolute(path) || isWindowsAbsolute(path)) return path;
  return joinPath(context.workingDir, path);
}

function resolveContextPath(value: unknown, at: TreePath, context: ResolveContext): unknown {
  if (typeof value !== 'string') return value;
  // `docker-image://`, `oci-layout://`, `target:`… belong to the builder, not to the disk.
  if (value.includes('://') || value.startsWith('service:') || isRemoteBuildContext(value)) return value;
  return resolveLocalPath(value, at, context);
}

function resolveUnlessRemote(value: unknown, at: TreePath, context: ResolveContext): unknown {
  if (typeof value === 'string' && context.isRemoteResource(value)) return value;
  if (Array.isArray(value)) return value.map((item, i) => resolveUnlessRemote(item, [...at, i], context));
  return resolveLocalPath(value, at, context);
}

function resolveWatchPath(value: unknown, at: TreePath, context: ResolveContext): unknown {
  const resolved = resolveLocalPath(value, at, context);
  return typeof resolved === 'string' ? context.resolveSymbolicLinks(resolved) : resolved;
}

/** Only bind mounts name a host path; named volumes, tmpfs and the rest are left alone. */
function resolveVolumeMount(value: unknown, at: TreePath, context: ResolveContext): unknown {
  if (!isMapping(value) || value['type'] !== 'bind') return value;
  const source = value['source'];
  if (source === undefined || source === null) {
    throw new ComposeFileError({
      message: 'invalid mount config for type "bind": field Source must not be empty',
      path: at,
      position: locate(context.source, at),
    });
  }
  return { ...value, source: resolveHostPath(source, context) };
}

/** A `local` volume with `o: bind` is a bind mount in disguise: its `device` is a host path. */
function resolveVolumeDevice(value: unknown, context: ResolveContext): unknown {
  if (!isMapping(value) || value['driver'] !== 'local') return value;
  const driverOptions = value['driver_opts'];
  if (!isMapping(driverOptions) || driverOptions['o'] !== 'bind' || !('device' in driverOptions))
    return value;
  return {
    ...value,
    driver_opts: { ...driverOptions, device: resolveHostPath(driverOptions['device'], context) },
  };
}

/** `~` and `~/x` are the home directory; like compose-go, `~user/x` is read as `<home>/user/x`. */
export function expandUser(path: string, home: string | undefined): string {
  if (!path.startsWith('~') || home === undefined) return path;
  return joinPath(home, path.slice(1));
}

/** Build contexts that BuildKit fetches itself (its `dockerui` rules). */
function isRemoteBuildContext(value: string): boolean {
  return ['https://', 'http://', 'git://', 'ssh://', 'github.com/', 'git@'].some((prefix) =>
    value.startsWith(prefix),
  );
}

/**
 * What docker compose's remote loaders accept: an OCI artifact (`oci://`) or anything BuildKit
 * parses as a git reference (`https://…/repo.git#ref:dir`, `git@host:repo`, `github.com/…`).
 */
export function isRemoteComposeResource(path: string): boolean {
  return path.startsWith('oci://') || isGitReference(path);
}

const GIT_PROTOCOLS = new Set(['http', 'https', 'ssh', 'git']);
const SCP_STYLE_URL = /^(?:[a-zA-Z0-9_-]+@)?[a-zA-Z0-9.-]+:.*?(?:#.*)?$/;

function isGitReference(ref: string): boolean {
  if (ref.startsWith('./') || ref.startsWith('../')) return false;
  if (ref.startsWith('github.com/')) return true;
  const protocol = /^([a-zA-Z0-9]+):\/\//.exec(ref)?.[1]?.toLowerCase();
  if (protocol !== undefined) {
    if (!GIT_PROTOCOLS.has(protocol)) return false;
    if (protocol !== 'http' && protocol !== 'https') return true;
    // BuildKit takes an HTTP(S) URL for a repository only when its path ends in `.git`.
    return URL.canParse(ref) && new URL(ref).pathname.endsWith('.git');
  }
  // `host:path` is scp-like ssh, unless Go's URL parser sees a scheme with no opaque part
  // (`c:/x`, `host:`), which BuildKit refuses.
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:(?:\/|#|$)/.test(ref)) return false;
  return SCP_STYLE_URL.test(ref);
}

/**
 * Go's `filepath.IsAbs` as it runs on Windows: a drive letter followed by a separator, or a UNC
 * (`\\host\share`) or device (`\\.\`, `\\?\`, `\??\`) path.
 */
export function isWindowsAbsolute(path: string): boolean {
  const volume = windowsVolumeLength(path);
  if (volume === 0) return false;
  if (isSeparator(path[0]) && isSeparator(path[1])) return true;
  return isSeparator(path[volume]);
}

function windowsVolumeLength(path: string): number {
  if (path.length >= 2 && path[1] === ':') return 2;
  if (path.length === 0 || !isSeparator(path[0])) return 0;
  if (hasPrefixFold(path, '\\\\.\\UNC')) return uncLength(path, '\\\\.\\UNC\\'.length);
  if (hasPrefixFold(path, '\\\\.') || hasPrefixFold(path, '\\\\?') || hasPrefixFold(path, '\\??')) {
    if (path.length === 3) return 3;
    const separator = path.slice(4).search(/[\\/]/);
    return separator === -1 ? path.length : 4 + separator;
  }
  if (path.length >= 2 && isSeparator(path[1])) return uncLength(path, 2);
  return 0;
}

/** Case-insensitive prefix where `\` and `/` are the same, ending at a separator or the end. */
function hasPrefixFold(path: string, prefix: string): boolean {
  if (path.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    const want = prefix[i];
    const got = path[i];
    if (isSeparator(want) ? !isSeparator(got) : want?.toUpperCase() !== got?.toUpperCase()) return false;
  }
  return path.length === prefix.length || isSeparator(path[prefix.length]);
}

/** `\\host\share` is the volume of a UNC path: it ends at the second separator after the prefix. */
function uncLength(path: string, prefixLength: number): number {
  let separators = 0;
  for (let i = prefixLength; i < path.length; i++) {
    if (isSeparator(path[i]) && ++separators === 2) return i;
  }
  return path.length;
}

function isSeparator(c: string | undefined): boolean {
  return c === '\\' || c === '/';
}

/** Go's `filepath.Join`: empty elements are skipped and the result is cleaned. */
function joinPath(...elements: string[]): string {
  const present = elements.filter((element) => element !== '');
  return present.length === 0 ? '' : cleanPosixPath(present.join('/'));
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
