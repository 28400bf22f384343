/**
 * The outcome of parsing one short-syntax value. Parsers in the loader return this instead of
 * throwing, because the caller decides what a failure means: an error pointing at the field when
 * the project is loaded for real, or "keep the text as written" when interpolation is off and the
 * value still holds `${...}`. Parsers know the value, not where it sits in the tree.
 */
export type ParseResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export function parsed<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

export function failed(error: string): { readonly ok: false; readonly error: string } {
  return { ok: false, error };
}
