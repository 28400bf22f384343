// compilePatterns must say exactly what testing every row with matchesPattern says, in table order,
// and must stop (undefined) only where no row can match the path or anything below it.
import { describe, expect, it } from 'vitest';
import {
  compilePatterns,
  formatPath,
  matchesPattern,
  parsePattern,
  type PatternState,
  type TreePath,
} from '../../src/compose/tree-path.js';

const ROWS: ReadonlyArray<readonly [string, string]> = [
  ['services.*.ports', 'ports'],
  ['services.*.*', 'any attribute'],
  ['services.web.ports', 'web ports'],
  ['services.*.ports.*', 'port'],
  ['services.*.ports.*.target', 'target'],
  ['services.*.ports.0', 'first port'],
  ['*.*', 'any section entry'],
  ['volumes', 'volumes'],
];

function stateAt(path: TreePath): PatternState<string> | undefined {
  let state: PatternState<string> | undefined = compilePatterns(ROWS);
  for (const segment of path) state = state?.step(segment);
  return state;
}

function expectedAt(path: TreePath): string[] {
  return ROWS.filter(([pattern]) => matchesPattern(path, parsePattern(pattern))).map(([, value]) => value);
}

const PATHS: TreePath[] = [
  [],
  ['services'],
  ['volumes'],
  ['services', 'web'],
  ['services', 'web', 'ports'],
  ['services', 'db', 'ports'],
  ['services', 'db', 'image'],
  ['services', 'web', 'ports', 0],
  ['services', 'web', 'ports', 1],
  ['services', 'web', 'ports', '0'],
  ['services', 'web', 'ports', 0, 'target'],
  ['services', 'web', 'ports', 0, 'published'],
  ['networks', 'front'],
];

describe('compilePatterns', () => {
  it.each(PATHS.map((path) => [formatPath(path), path] as const))(
    '%s matches the rows matchesPattern matches, in table order',
    (_name, path) => {
      expect(stateAt(path)?.matches ?? []).toEqual(expectedAt(path));
    },
  );

  it.each([
    ['no row starts with the key', ['networks', 'front', 'driver']],
    ['rows end above', ['services', 'web', 'image', 'x']],
    ['rows end above a list item', ['services', 'web', 'ports', 0, 'target', 'x']],
  ] as const)('stops where %s', (_name, path) => {
    expect(stateAt(path)).toBeUndefined();
  });

  it('keeps every row of an empty table out', () => {
    expect(compilePatterns([]).matches).toEqual([]);
    expect(compilePatterns([]).step('services')).toBeUndefined();
  });
});
