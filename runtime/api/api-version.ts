/**
 * Docker API version negotiation. A client asks for a version in the path (`/v1.44/containers/json`)
 * or leaves it out (then it gets our newest). The docker CLI first calls `/_ping`, reads our
 * `Api-Version` header and speaks min(its own, ours), so serving 1.44 to a v28 CLI (which wants 1.50)
 * makes it negotiate down. 1.44 is the swagger engine-types.ts follows (it adds `StartInterval`
 * to health checks, which compose's `start_interval` needs); 1.41 is the oldest we accept.
 *
 * What it deliberately doesn't do: vary responses by version. Every answer is 1.44's shape;
 * older clients ignore fields they don't know.
 */

export const MAX_API_VERSION = '1.44';
export const MIN_API_VERSION = '1.41';

const VERSION_PREFIX = /^\/v(\d+\.\d+)(?=\/)/;

/** A request path with its optional version prefix taken off. */
export interface VersionedPath {
  /** The version the client asked for, or undefined when the path has none. */
  version: string | undefined;
  path: string;
}

export function splitVersionPrefix(path: string): VersionedPath {
  const match = VERSION_PREFIX.exec(path);
  if (!match) return { version: undefined, path };
  return { version: match[1], path: path.slice(match[0].length) };
}

/** Compares dotted versions numerically: `1.9` < `1.41` (a string compare gets this wrong). */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

/** Docker's wording for an unsupported version (a 400), or undefined when it is served. */
export function checkApiVersion(version: string): string | undefined {
  if (compareVersions(version, MAX_API_VERSION) > 0) {
    return `client version ${version} is too new. Maximum supported API version is ${MAX_API_VERSION}`;
  }
  if (compareVersions(version, MIN_API_VERSION) < 0) {
    return `client version ${version} is too old. Minimum supported API version is ${MIN_API_VERSION}, please upgrade your client to a newer version`;
  }
  return undefined;
}
