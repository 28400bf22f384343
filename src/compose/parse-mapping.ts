/**
 * The mapping-or-list attributes (`environment`, `labels`, `sysctls`, `driver_opts`…) in the form
 * compose-go's model holds them: a map from name to string. They come in three flavours that
 * differ only in what a bare `KEY` means, and each attribute uses the one compose-go gives it:
 *
 * - `parseMappingWithEquals` (environment, build.args): `KEY` alone is null, "to be resolved
 *   from the environment", while `KEY=` is the empty string;
 * - `parseStringMapping` (labels, annotations, sysctls…): `KEY` alone is the empty string;
 * - `parseOptions` (driver_opts, logging.options…): only the mapping form is allowed.
 *
 * Values that are numbers or booleans become text as Go's `fmt.Sprint` writes them.
 */
import { formatGoScalar } from './format-go-scalar.js';
import { goTypeName } from './go-type-name.js';
import { failed, parsed, type ParseResult } from './parse-result.js';

export type StringMap = Record<string, string>;
export type NullableStringMap = Record<string, string | null>;

export function parseMappingWithEquals(value: unknown): ParseResult<NullableStringMap> {
  if (isMapping(value)) {
    return parsed(mapValues(value, (entry) => (entry === null ? null : formatGoScalar(entry))));
  }
  if (!Array.isArray(value)) return failed(`unexpected value type ${goTypeName(value)} for mapping`);
  const entries: Array<[string, string | null]> = [];
  for (const item of value) {
    const [key, rest] = cut(formatGoScalar(item), '=');
    if (/\s$/u.test(key)) return failed(`environment variable ${key} is declared with a trailing space`);
    entries.push([key, rest ?? null]);
  }
  return parsed(Object.fromEntries(entries));
}

export function parseStringMapping(value: unknown): ParseResult<StringMap> {
  if (isMapping(value))
    return parsed(mapValues(value, (entry) => (entry === null ? '' : formatGoScalar(entry))));
  if (!Array.isArray(value)) return failed(`unexpected value type ${goTypeName(value)} for mapping`);
  return parsed(Object.fromEntries(value.map((item) => keyAndValue(formatGoScalar(item)))));
}

export function parseOptions(value: unknown): ParseResult<StringMap> {
  if (!isMapping(value)) return failed(`invalid type ${goTypeName(value)} for options`);
  return parsed(mapValues(value, (entry) => (entry === null ? '' : formatGoScalar(entry))));
}

/** `provider.options`: each option may repeat, so every value becomes a list of strings. */
export function parseMultiOptions(value: unknown): ParseResult<Record<string, string[]>> {
  if (!isMapping(value)) return failed(`invalid type ${goTypeName(value)} for options`);
  return parsed(
    mapValues(value, (entry) => (Array.isArray(entry) ? entry.map(formatGoScalar) : [formatGoScalar(entry)])),
  );
}

/** `build.additional_contexts` as a list: every entry must be `name=value`. */
export function parseKeyValueList(value: readonly unknown[]): ParseResult<StringMap> {
  const entries: Array<[string, string]> = [];
  for (const item of value) {
    const [key, rest] = cut(formatGoScalar(item), '=');
    if (rest === undefined) return failed(`invalid value ${formatGoScalar(item)}, expected key=value`);
    entries.push([key, rest]);
  }
  return parsed(Object.fromEntries(entries));
}

function keyAndValue(text: string): [string, string] {
  const [key, rest] = cut(text, '=');
  return [key, rest ?? ''];
}

/** Splits at the first separator; the second half is undefined when there is none. */
function cut(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + separator.length)];
}

function mapValues<T>(value: Record<string, unknown>, convert: (entry: unknown) => T): Record<string, T> {
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, convert(entry)]));
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
