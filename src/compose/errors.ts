/**
 * The errors the loader raises. Bad input is always a `ComposeFileError`: it names the file,
 * line and column, the field path and what was expected. A run that finds several problems
 * throws one `ComposeErrors` holding all of them, in file order, so the user fixes them in one go.
 */
import { formatPath, type TreePath } from './tree-path.js';
import type { SourcePosition } from './source-map.js';

export interface ComposeFileErrorInit {
  message: string;
  path?: TreePath;
  position?: SourcePosition;
  /** The file, when no line is known (for example a file that cannot be read). */
  file?: string;
  hint?: string;
  cause?: unknown;
}

export class ComposeFileError extends Error {
  override readonly name = 'ComposeFileError';
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly path: TreePath;
  readonly detail: string;
  readonly hint: string | undefined;

  constructor(init: ComposeFileErrorInit) {
    const file = init.position?.file ?? init.file;
    const where = [file, init.position?.line, init.position?.column].filter((p) => p !== undefined).join(':');
    const field = init.path && init.path.length > 0 ? formatPath(init.path) : '';
    super([where, field, init.message].filter((p) => p !== '').join(': '), { cause: init.cause });
    this.file = file;
    this.line = init.position?.line;
    this.column = init.position?.column;
    this.path = init.path ?? [];
    this.detail = init.message;
    this.hint = init.hint;
  }
}

/** Several problems found in one pass; `errors` are sorted by file, line and column. */
export class ComposeErrors extends Error {
  override readonly name = 'ComposeErrors';
  readonly errors: readonly ComposeFileError[];

  constructor(errors: readonly ComposeFileError[]) {
    const sorted = sortInFileOrder(errors);
    super(sorted.map((e) => e.message).join('\n'));
    this.errors = sorted;
  }
}

/** Throws the collected problems, if there are any. */
export function throwIfAny(errors: readonly ComposeFileError[]): void {
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new ComposeErrors(errors);
}

/** Files keep the order in which they were first reported (load order); lines sort within a file. */
function sortInFileOrder(errors: readonly ComposeFileError[]): ComposeFileError[] {
  const byFile = new Map<string, ComposeFileError[]>();
  for (const error of errors) {
    const key = error.file ?? '';
    byFile.set(key, [...(byFile.get(key) ?? []), error]);
  }
  return [...byFile.values()].flatMap((group) =>
    group.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)),
  );
}
