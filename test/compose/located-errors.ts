/**
 * Test helpers for stages that report ComposeFileErrors on a parsed document: rows are written
 * as indented YAML, and errors compared as { path, at, message, hint }.
 */
import type { ComposeFileError } from '../../src/compose/errors.js';
import type { LocatedTree } from '../../src/compose/located-tree.js';
import { isMapping } from '../../src/compose/located-value.js';
import { parseComposeYaml } from '../../src/compose/parse.js';
import { formatPath } from '../../src/compose/tree-path.js';

/** Strips the indentation the YAML has in this file, so rows read like compose files. */
export function dedent(text: string): string {
  const lines = text
    .replace(/^\n/, '')
    .replace(/\n\s*$/, '')
    .split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n') + '\n';
}

export function load(yaml: string): LocatedTree {
  const [document] = parseComposeYaml('compose.yaml', dedent(yaml));
  if (!document || !isMapping(document.tree)) throw new Error('a test document must be a mapping');
  return { tree: document.tree, source: document.source };
}

export interface Reported {
  path: string;
  at: string;
  message: string;
  hint?: string;
}

export function report(errors: readonly ComposeFileError[]): Reported[] {
  return errors.map((e) => ({
    path: formatPath(e.path),
    at: `${e.line}:${e.column}`,
    message: e.detail,
    ...(e.hint ? { hint: e.hint } : {}),
  }));
}
