/**
 * A path into a compose document: `['services', 'web', 'ports', 0]`.
 *
 * Every stage of the loader names the place it is working on with this one type, so that an
 * error raised anywhere can be traced back to a file, line and column through the source map.
 */
export type PathSegment = string | number;
export type TreePath = readonly PathSegment[];

/** Renders a path the way compose users read it: `services.web.ports[0]`. */
export function formatPath(path: TreePath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/**
 * Matches a path against a pattern such as `services.*.ports`, where `*` stands for any one
 * segment. Merge and normalisation rules are tables keyed by such patterns.
 */
export function matchesPattern(path: TreePath, pattern: readonly string[]): boolean {
  if (path.length !== pattern.length) return false;
  return pattern.every((want, i) => want === '*' || want === String(path[i]));
}

export function parsePattern(pattern: string): string[] {
  return pattern.split('.');
}
