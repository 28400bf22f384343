/**
 * Validation, part one: the compose specification's JSON schema, checked with ajv. Every problem
 * is returned at once, each a `ComposeFileError` with the field path and the file:line:col that
 * set the value, worded as a compose user reads it (`services.web.ports[0]: expected a port such
 * as "8080:80" or a mapping, got true`).
 *
 * The schema is schemas/compose-spec.json, compose-go's copy (git blob fe0e45d, last changed in
 * compose-go faa67b2 "add pre_start lifecycle hook", read at e70e961). It is newer than the copy
 * in compose-spec/schema: JSON Schema draft 2020-12, `build.no_cache_filter`, `pre_start`, and
 * `models` entries that may be null.
 *
 * Compiling the schema takes about half a second, so the build does it once
 * (scripts/compile-schema.ts writes dist/schema/validate-compose.js with ajv's standalone code
 * generation) and this module loads the result. Only a run from the sources before a build (vitest)
 * compiles here, once per process, much as compose-go keeps its compiled schema behind a sync.Once
 * (docker/compose#13866).
 *
 * ajv reports every failed alternative of a `oneOf`; a user wants one line per field. Like
 * compose-go, which keeps the "most specific" error, the alternatives are folded: when the value
 * has the type of an alternative, that alternative's own errors are reported; when it has none of
 * them, a single "expected …, got …" replaces them all. Unlike compose-go, every field keeps its
 * problems, so a file with five mistakes gets five lines.
 *
 * What the schema cannot express (undefined services, cycles, conflicting fields) is
 * check-consistency.ts's job.
 */
import { createRequire } from 'node:module';
import type { ErrorObject, Options, ValidateFunction } from 'ajv';
import type { Ajv2020 as Ajv2020Class } from 'ajv/dist/2020.js';
import composeSpec from '../../schemas/compose-spec.json' with { type: 'json' };
import { ComposeErrors, ComposeFileError } from './errors.js';
import type { LocatedTree } from './located-tree.js';
import { locate } from './source-map.js';
import { formatPath, matchesPattern, parsePattern, type TreePath } from './tree-path.js';

/** ajv options shared with scripts/compile-schema.ts, so both validators report alike. */
export const SCHEMA_COMPILE_OPTIONS = {
  // Every problem in one run, not the first one.
  allErrors: true,
  // Keeps `parentSchema` on each error: the allowed keys behind "did you mean …?".
  verbose: true,
  // The schema is the specification's, not ours: union types and unknown keywords are fine.
  strict: false,
  // One function per shared definition instead of copies: a fifth less generated code, as fast.
  inlineRefs: false,
} as const satisfies Options;

/**
 * The precompiled validator, seen from dist/src/compose (built) or dist/bundle/chunks (the bundled
 * CLI, where the loader is a chunk of its own), and from src/compose (sources).
 */
const PRECOMPILED_CANDIDATES = ['../../schema/validate-compose.js', '../../dist/schema/validate-compose.js'];

const precompiled = await importPrecompiled();
let compiledHere: ValidateFunction | undefined;

export function validateSchema(doc: LocatedTree): ComposeFileError[] {
  const validate = composeValidator();
  if (validate(doc.tree)) return [];
  const problems = foldAlternatives(validate.errors ?? [], doc.tree);
  const errors = dropDuplicates(problems).map((problem) => toComposeFileError(problem, doc));
  // ComposeErrors owns the file-order rule; borrowing it keeps one definition of that order.
  return [...new ComposeErrors(errors).errors];
}

/** Whether this process validates with the build's precompiled code (false: compiled at run time). */
export function usesPrecompiledValidator(): boolean {
  return precompiled !== undefined;
}

function composeValidator(): ValidateFunction {
  if (precompiled) return precompiled;
  compiledHere ??= compileHere();
  return compiledHere;
}

async function importPrecompiled(): Promise<ValidateFunction | undefined> {
  for (const candidate of PRECOMPILED_CANDIDATES) {
    const url = new URL(candidate, import.meta.url);
    try {
      const module = (await import(url.href)) as { validate: ValidateFunction };
      return module.validate;
    } catch (error) {
      // Only "this file is not there" means "no build yet"; anything else is a broken build.
      if (!isMissingModule(error, url)) throw error;
    }
  }
  return undefined;
}

function isMissingModule(error: unknown, url: URL): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  const names = error.message.includes(url.pathname) || error.message.includes(url.href);
  return names && (code === 'ERR_MODULE_NOT_FOUND' || code === undefined);
}

function compileHere(): ValidateFunction {
  // ajv is loaded only on this path: a built CLI never pays for the compiler.
  const requireCjs = createRequire(import.meta.url);
  const { Ajv2020 } = requireCjs('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020Class };
  return new Ajv2020(SCHEMA_COMPILE_OPTIONS).compile(composeSpec);
}

/** One problem, before it gets a position: `at` is the value the schema rejected. */
type Problem =
  | {
      kind: 'mismatch';
      at: TreePath;
      value: unknown;
      /** What would have been accepted, as phrases: "a string", "a mapping", "null". */
      expected: readonly string[];
      /** `type` words it compose-go's way ("must be a string"); `alternatives` says "expected …, got …". */
      from: 'type' | 'alternatives';
    }
  | {
      kind: 'invalid';
      at: TreePath;
      /** The path printed with the message; `pointAt` is where the position is looked up. */
      path: TreePath;
      pointAt: TreePath;
      message: string;
      hint?: string;
    };

/**
 * ajv writes a `oneOf`'s error after the errors of its alternatives, and those sit at or below
 * the `oneOf`'s own value. So a stack does it: on a `oneOf`, pop what lies under its value (its
 * alternatives, already folded if nested) and push back the folded result.
 */
function foldAlternatives(errors: readonly ErrorObject[], root: unknown): Problem[] {
  const out: Problem[] = [];
  for (const error of errors) {
    const at = toTreePath(error.instancePath, root);
    if (error.keyword !== 'oneOf') {
      out.push(describe(error, at, root));
      continue;
    }
    const alternatives: Problem[] = [];
    for (let last = out.at(-1); last && isWithin(last.at, at); last = out.at(-1)) {
      alternatives.unshift(last);
      out.pop();
    }
    out.push(...chooseAlternative(at, alternatives, root));
  }
  return out;
}

function chooseAlternative(at: TreePath, alternatives: readonly Problem[], root: unknown): Problem[] {
  const fitting = alternatives.filter((p) => !(p.kind === 'mismatch' && samePath(p.at, at)));
  if (fitting.length > 0) return fitting;
  if (alternatives.length === 0) {
    const message = 'matches more than one of the allowed forms';
    return [{ kind: 'invalid', at, path: at, pointAt: at, message }];
  }
  const expected = expectedAt(at) ?? [
    ...new Set(alternatives.flatMap((p) => (p.kind === 'mismatch' ? p.expected : []))),
  ];
  return [{ kind: 'mismatch', at, value: valueAt(root, at), expected, from: 'alternatives' }];
}

/** What a field takes, for the fields whose alternatives read badly as a list of types. */
const EXPECTED_BY_FIELD: ReadonlyArray<readonly [pattern: string[], expected: readonly string[]]> = [
  ['services.*.ports.*', ['a port such as "8080:80"', 'a mapping']],
  ['services.*.volumes.*', ['a volume such as "./data:/data"', 'a mapping']],
  ['services.*.build', ['a build context path', 'a mapping']],
  ['services.*.depends_on', ['a list of service names', 'a mapping']],
  ['services.*.networks', ['a list of network names', 'a mapping']],
  ['services.*.models', ['a list of model names', 'a mapping']],
  ['services.*.extends', ['a service name', 'a mapping']],
  ['services.*.secrets.*', ['a secret name', 'a mapping']],
  ['services.*.configs.*', ['a config name', 'a mapping']],
  ['services.*.build.secrets.*', ['a secret name', 'a mapping']],
  ['services.*.env_file', ['a path', 'a list']],
  ['services.*.env_file.*', ['a path', 'a mapping']],
  ['services.*.devices.*', ['a device such as "/dev/sda:/dev/xvda"', 'a mapping']],
  ['services.*.command', ['a string', 'a list of strings', 'null']],
  ['services.*.entrypoint', ['a string', 'a list of strings', 'null']],
  ['services.*.healthcheck.test', ['a string', 'a list of strings']],
  ['services.*.environment', ['a mapping', 'a list of "KEY=value" strings']],
  ['services.*.build.args', ['a mapping', 'a list of "KEY=value" strings']],
  ['services.*.labels', ['a mapping', 'a list of "key=value" strings']],
  ['services.*.extra_hosts', ['a mapping', 'a list of "host=ip" strings']],
  ['services.*.gpus', ['"all"', 'a list of device requests']],
  ['services.*.ulimits.*', ['a number', 'a mapping with soft and hard']],
  ['include.*', ['a path', 'a mapping']],
].map(([pattern, expected]) => [parsePattern(pattern as string), expected as readonly string[]] as const);

function expectedAt(at: TreePath): readonly string[] | undefined {
  return EXPECTED_BY_FIELD.find(([pattern]) => matchesPattern(at, pattern))?.[1];
}

function describe(error: ErrorObject, at: TreePath, root: unknown): Problem {
  const params = error.params as Record<string, unknown>;
  const invalid = (message: string, path = at, pointAt = path, hint?: string): Problem => ({
    kind: 'invalid',
    at,
    path,
    pointAt,
    message,
    hint,
  });
  switch (error.keyword) {
    case 'type': {
      const types = [params.type].flat().map(String);
      return {
        kind: 'mismatch',
        at,
        value: valueAt(root, at),
        expected: types.map(typePhrase),
        from: 'type',
      };
    }
    case 'additionalProperties':
      return describeUnknownKey(String(params.additionalProperty), error, at);
    case 'required':
      return invalid(`missing required property "${String(params.missingProperty)}"`);
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      return invalid(`must be one of ${allowed}, got ${describeValue(valueAt(root, at))}`);
    }
    case 'pattern':
      return invalid(describePattern(at, String(params.pattern), valueAt(root, at)));
    case 'minimum':
      return invalid(`must be greater than or equal to ${String(params.limit)}`);
    case 'maximum':
      return invalid(`must be less than or equal to ${String(params.limit)}`);
    case 'uniqueItems': {
      // ajv scans typed lists from the end and mixed ones from the start: i and j come either way.
      const [earlier, later] = [Number(params.i), Number(params.j)].sort((x, y) => x - y) as [number, number];
      const original = formatPath([...at.slice(-1), earlier]);
      return invalid(`duplicate entry, the same as ${original}`, [...at, later]);
    }
    default:
      return invalid(error.message ?? `fails the schema's "${error.keyword}" rule`);
  }
}

function describeUnknownKey(key: string, error: ErrorObject, at: TreePath): Problem {
  const parent = (error.parentSchema ?? {}) as { properties?: Record<string, unknown> };
  if (parent.properties) {
    const hint = closestName(key, Object.keys(parent.properties));
    return {
      kind: 'invalid',
      at,
      path: at,
      pointAt: [...at, key],
      message: `additional property "${key}" is not allowed`,
      hint: hint === undefined ? undefined : `did you mean "${hint}"?`,
    };
  }
  // A map of names (services, volumes, depends_on…) whose key fails the name pattern.
  const what = NAME_KINDS[String(at.at(-1))] ?? 'name';
  const message = `invalid ${what} "${key}": only letters, digits, ".", "_" and "-" are allowed`;
  return { kind: 'invalid', at, path: [...at, key], pointAt: [...at, key], message };
}

const NAME_KINDS: Readonly<Record<string, string>> = {
  services: 'service name',
  depends_on: 'service name',
  volumes: 'volume name',
  secrets: 'secret name',
  configs: 'config name',
};

function describePattern(at: TreePath, pattern: string, value: unknown): string {
  const got = describeValue(value);
  switch (at.at(-1)) {
    case 'container_name':
      return `invalid container name ${got}: use a letter or digit, then letters, digits, "_", "." or "-"`;
    case 'pull_policy':
      return `must be always, never, build, missing, refresh, daily, weekly or every_<duration>, got ${got}`;
    default:
      return `must match the pattern "${pattern}", got ${got}`;
  }
}

function toComposeFileError(problem: Problem, doc: LocatedTree): ComposeFileError {
  if (problem.kind === 'invalid') {
    return new ComposeFileError({
      path: problem.path,
      position: locate(doc.source, problem.pointAt),
      message: problem.message,
      hint: problem.hint,
    });
  }
  const message =
    problem.from === 'type'
      ? mustBe(problem.expected)
      : `expected ${joinOr(problem.expected)}, got ${describeValue(problem.value)}`;
  return new ComposeFileError({ path: problem.at, position: locate(doc.source, problem.at), message });
}

const TYPE_PHRASES: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  array: 'a list',
  object: 'a mapping',
  null: 'null',
};

/** compose-go's wording for a wrong type: "must be a string", "must be a boolean or string". */
function mustBe(expected: readonly string[]): string {
  const words = expected.map((phrase) => phrase.replace(/^an? /, '')).sort();
  const first = words[0] ?? '';
  const article = first === 'null' ? '' : /^[aeiou]/.test(first) ? 'an ' : 'a ';
  return `must be ${article}${joinOr(words)}`;
}

function typePhrase(type: string): string {
  return TYPE_PHRASES[type] ?? type;
}

function joinOr(phrases: readonly string[]): string {
  if (phrases.length <= 1) return phrases.join('');
  return `${phrases.slice(0, -1).join(', ')} or ${phrases.at(-1) ?? ''}`;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  return String(value);
}

/** ajv's instancePath (`/services/web/ports/0`) as a TreePath; numbers only where the value is a list. */
function toTreePath(pointer: string, root: unknown): TreePath {
  if (pointer === '') return [];
  const path: Array<string | number> = [];
  let value = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const segment = Array.isArray(value) ? Number(key) : key;
    path.push(segment);
    value = (value as Record<string | number, unknown> | undefined)?.[segment];
  }
  return path;
}

function valueAt(root: unknown, path: TreePath): unknown {
  let value = root;
  for (const segment of path) value = (value as Record<string | number, unknown> | undefined)?.[segment];
  return value;
}

function isWithin(path: TreePath, ancestor: TreePath): boolean {
  return path.length >= ancestor.length && ancestor.every((segment, i) => segment === path[i]);
}

function samePath(a: TreePath, b: TreePath): boolean {
  return a.length === b.length && isWithin(a, b);
}

function dropDuplicates(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = JSON.stringify([problem.kind, problem.at, problem.kind === 'invalid' ? problem.message : '']);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The allowed key a typo most likely meant: the nearest within two edits (one for short keys). */
function closestName(key: string, candidates: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(key.toLowerCase(), name);
    if (distance <= Math.min(2, Math.floor(name.length / 3)) && (!best || distance < best.distance)) {
      best = { name, distance };
    }
  }
  return best?.name;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => d[i]?.[j] ?? Infinity;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i]![j] = best;
    }
  }
  return at(a.length, b.length);
}
