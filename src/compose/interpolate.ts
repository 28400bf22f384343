/**
 * Stage 2: substitutes variables in every string value of one parsed document, as compose-go's
 * `interpolation` package does with the loader's type-cast table.
 *
 * Keys are never interpolated (`labels: {"$X": y}` keeps the key `$X`), and values that are not
 * strings are kept as they are. After substitution, strings at a few known paths become
 * booleans or numbers (`privileged: ${P}` with P=true is `true`), because the YAML parser could
 * not type them while they were still templates; compose-go casts such strings whether or not
 * they contained a variable, and so do we. The first failure stops the walk with a
 * `ComposeFileError` pointing at the field. Unset variables and YAML 1.1 booleans produce
 * warnings, returned as data. The input tree and its source map are left untouched: only
 * scalars change, so the caller keeps using the same source map, and the tree returned shares
 * every container in which nothing changed.
 */
import { ComposeFileError } from './errors.js';
import type { LocatedTree } from './located-tree.js';
import { locate } from './source-map.js';
import { InvalidTemplateError, MissingRequiredError, substitute, type VariableLookup } from './template.js';
import { compilePatterns, type PathSegment, type PatternState, type TreePath } from './tree-path.js';

export interface InterpolatedDocument {
  readonly tree: Record<string, unknown>;
  /** Each distinct warning once, in document order. */
  readonly warnings: readonly string[];
}

export function interpolateDocument(doc: LocatedTree, lookup: VariableLookup): InterpolatedDocument {
  const walk = new InterpolationWalk(doc, lookup);
  const tree = walk.value(doc.tree, CASTS, []) as Record<string, unknown>;
  return { tree, warnings: [...walk.warnings] };
}

type Cast = 'int' | 'int64' | 'float' | 'float32' | 'boolean';

/**
 * compose-go's `interpolateTypeCastMapping` (loader/interpolate.go). `*` is any key or list
 * item, `[]` any list item. int and int64 differ only in the name Go's error message uses.
 */
const TYPE_CASTS: ReadonlyArray<readonly [pattern: string, cast: Cast]> = [
  ['services.*.cpu_count', 'int64'],
  ['services.*.cpu_percent', 'float'],
  ['services.*.cpu_period', 'int64'],
  ['services.*.cpu_quota', 'int64'],
  ['services.*.cpu_rt_period', 'int64'],
  ['services.*.cpu_rt_runtime', 'int64'],
  ['services.*.cpus', 'float32'],
  ['services.*.cpu_shares', 'int64'],
  ['services.*.init', 'boolean'],
  ['services.*.depends_on.*.required', 'boolean'],
  ['services.*.depends_on.*.restart', 'boolean'],
  ['services.*.deploy.replicas', 'int'],
  ['services.*.deploy.update_config.parallelism', 'int'],
  ['services.*.deploy.update_config.max_failure_ratio', 'float'],
  ['services.*.deploy.rollback_config.parallelism', 'int'],
  ['services.*.deploy.rollback_config.max_failure_ratio', 'float'],
  ['services.*.deploy.restart_policy.max_attempts', 'int'],
  ['services.*.deploy.placement.max_replicas_per_node', 'int'],
  ['services.*.healthcheck.retries', 'int'],
  ['services.*.healthcheck.disable', 'boolean'],
  ['services.*.oom_kill_disable', 'boolean'],
  ['services.*.oom_score_adj', 'int64'],
  ['services.*.pids_limit', 'int64'],
  ['services.*.ports.[].target', 'int'],
  ['services.*.privileged', 'boolean'],
  ['services.*.read_only', 'boolean'],
  ['services.*.scale', 'int'],
  ['services.*.stdin_open', 'boolean'],
  ['services.*.tty', 'boolean'],
  ['services.*.ulimits.*', 'int'],
  ['services.*.ulimits.*.hard', 'int'],
  ['services.*.ulimits.*.soft', 'int'],
  ['services.*.volumes.[].read_only', 'boolean'],
  ['services.*.volumes.[].volume.nocopy', 'boolean'],
  ['networks.*.external', 'boolean'],
  ['networks.*.internal', 'boolean'],
  ['networks.*.attachable', 'boolean'],
  ['networks.*.enable_ipv4', 'boolean'],
  ['networks.*.enable_ipv6', 'boolean'],
  ['volumes.*.external', 'boolean'],
  ['secrets.*.external', 'boolean'],
  ['configs.*.external', 'boolean'],
];

/**
 * The table as pattern states. A list index steps as the key `[]`, which leads where `[]` and `*`
 * do; no other pattern part looks like an index, so a number matches nothing else, as in Go.
 */
const CASTS: PatternState<Cast> = compilePatterns(TYPE_CASTS);

function stepCast(
  state: PatternState<Cast> | undefined,
  segment: PathSegment,
): PatternState<Cast> | undefined {
  return state?.step(typeof segment === 'number' ? '[]' : segment);
}

/** The cast for a path, if the table has one. */
export function castForPath(path: TreePath): Cast | undefined {
  let state: PatternState<Cast> | undefined = CASTS;
  for (const segment of path) state = stepCast(state, segment);
  return state?.matches[0];
}

class InterpolationWalk {
  readonly warnings = new Set<string>();

  constructor(
    private readonly doc: LocatedTree,
    private readonly lookup: VariableLookup,
  ) {}

  /**
   * `cast` is the state of `path` in the cast table, undefined when no cast applies there or below.
   * `path` is the walk's own stack: copy it to keep it. Containers are copied only when a value
   * in them changes.
   */
  value(value: unknown, cast: PatternState<Cast> | undefined, path: PathSegment[]): unknown {
    if (typeof value === 'string') return this.string(value, cast?.matches[0], path);
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      for (let index = 0; index < value.length; index++) {
        const item: unknown = value[index];
        path.push(index);
        const result = this.value(item, stepCast(cast, index), path);
        path.pop();
        if (result !== item) (copy ??= value.slice())[index] = result;
      }
      return copy ?? value;
    }
    if (typeof value === 'object' && value !== null) {
      const mapping = value as Record<string, unknown>;
      let copy: Record<string, unknown> | undefined;
      for (const key of Object.keys(mapping)) {
        const item = mapping[key];
        path.push(key);
        const result = this.value(item, stepCast(cast, key), path);
        path.pop();
        // Spread and defineProperty keep a key named `__proto__` a plain own property.
        if (result !== item) {
          Object.defineProperty((copy ??= { ...mapping }), key, {
            value: result,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
      }
      return copy ?? mapping;
    }
    return value;
  }

  private string(template: string, cast: Cast | undefined, path: TreePath): unknown {
    let text = template;
    // Every expression starts with `$` (template.ts): without one there is nothing to substitute.
    if (template.includes('$')) {
      try {
        const result = substitute(template, this.lookup);
        for (const name of result.unset) {
          this.warnings.add(`The ${JSON.stringify(name)} variable is not set. Defaulting to a blank string.`);
        }
        text = result.value;
      } catch (error) {
        throw this.fail(path, describeTemplateError(error), error);
      }
    }
    if (!cast) return text;
    try {
      return castValue(cast, text, (warning) => this.warnings.add(warning));
    } catch (error) {
      if (!(error instanceof CastError)) throw error;
      throw this.fail(path, `failed to cast to expected type: ${error.message}`, error);
    }
  }

  private fail(path: TreePath, message: string, cause: unknown): ComposeFileError {
    const at = [...path];
    return new ComposeFileError({ message, path: at, position: locate(this.doc.source, at), cause });
  }
}

export function describeTemplateError(error: unknown): string {
  if (error instanceof InvalidTemplateError) {
    return `invalid interpolation format ${JSON.stringify(error.template)}. You may need to escape any $ with another $.`;
  }
  if (error instanceof MissingRequiredError) return error.message;
  // Substitution recurses into nested defaults; thousands of levels exhaust the stack.
  if (error instanceof RangeError) return 'the interpolation is nested too deeply';
  throw error;
}

/** A value that does not parse as its path's type; the message is Go's. */
class CastError extends Error {}

function castValue(cast: Cast, text: string, warn: (warning: string) => void): boolean | number {
  switch (cast) {
    case 'boolean':
      return parseBoolean(text, warn);
    case 'int':
      return parseGoInt(text, 'Atoi');
    case 'int64':
      return parseGoInt(text, 'ParseInt');
    case 'float':
      return parseGoFloat(text, 64);
    case 'float32':
      return parseGoFloat(text, 32);
    default: {
      const unknown: never = cast;
      throw new Error(`unknown cast ${String(unknown)}`);
    }
  }
}

/** YAML 1.2 booleans, plus the YAML 1.1 spellings compose-go still takes with a warning. */
function parseBoolean(text: string, warn: (warning: string) => void): boolean {
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  const quoted = JSON.stringify(text);
  if (['y', 'yes', 'on'].includes(lower)) {
    warn(`${quoted} for boolean is not supported by YAML 1.2, please use \`true\``);
    return true;
  }
  if (['n', 'no', 'off'].includes(lower)) {
    warn(`${quoted} for boolean is not supported by YAML 1.2, please use \`false\``);
    return false;
  }
  throw new CastError(`invalid boolean: ${text}`);
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Go's strconv.Atoi / ParseInt(text, 10, 64): an optional sign and ASCII digits. */
function parseGoInt(text: string, fn: 'Atoi' | 'ParseInt'): number {
  if (!/^[+-]?[0-9]+$/.test(text)) throw numberError(fn, text, 'invalid syntax');
  const value = BigInt(text);
  if (value < INT64_MIN || value > INT64_MAX) throw numberError(fn, text, 'value out of range');
  return Number(value);
}

/**
 * Go's strconv.ParseFloat: decimal or hexadecimal (`0x1p-2`, which needs its `p` exponent),
 * `_` between digits, and inf, infinity and nan in any case.
 */
function parseGoFloat(text: string, bits: 32 | 64): number {
  const special = /^([+-]?)(inf|infinity)$/i.exec(text);
  if (special) return special[1] === '-' ? -Infinity : Infinity;
  if (/^nan$/i.test(text)) return NaN;

  const decimal = /^[+-]?(?=[._]*[0-9])[0-9_]*(?:\.[0-9_]*)?(?:[eE][+-]?[0-9][0-9_]*)?$/;
  const hex =
    /^([+-]?)0[xX](?=[._]*[0-9a-fA-F])([0-9a-fA-F_]*)(?:\.([0-9a-fA-F_]*))?[pP]([+-]?[0-9][0-9_]*)$/;
  const hexMatch = hex.exec(text);
  if ((!hexMatch && !decimal.test(text)) || (text.includes('_') && !underscoresBetweenDigits(text))) {
    throw numberError('ParseFloat', text, 'invalid syntax');
  }
  const clean = text.replaceAll('_', '');
  let value: number;
  if (hexMatch) {
    const [, sign = '', whole = '', fraction = '', exponent = '0'] = hexMatch;
    const digits = (whole + fraction).replaceAll('_', '');
    const mantissa = Number(BigInt(`0x${digits}`));
    const power = Number(exponent.replaceAll('_', '')) - 4 * fraction.replaceAll('_', '').length;
    // Zero times a huge power would be NaN; Go reads it as zero.
    const magnitude = mantissa === 0 ? 0 : mantissa * 2 ** power;
    value = sign === '-' ? -magnitude : magnitude;
  } else {
    value = Number(clean);
  }
  if (bits === 32) value = shortestFloat32(value);
  if (!Number.isFinite(value)) throw numberError('ParseFloat', text, 'value out of range');
  return value;
}

/**
 * Go keeps `cpus` as a float32 and prints it with the fewest digits that read back as the same
 * float32 (`0.1`, not `0.10000000149011612`); this is that number.
 */
function shortestFloat32(value: number): number {
  const single = Math.fround(value);
  if (!Number.isFinite(single) || single === 0) return single;
  for (let digits = 1; digits < 10; digits++) {
    const candidate = Number(single.toPrecision(digits));
    if (Math.fround(candidate) === single) return candidate;
  }
  return single;
}

/** Go's underscoreOK: `_` only between digits, or between a base prefix and a digit. */
function underscoresBetweenDigits(text: string): boolean {
  let rest = text.replace(/^[+-]/, '');
  let saw: 'start' | 'digit' | 'underscore' | 'other' = 'start';
  let hex = false;
  if (/^0[box]/i.test(rest)) {
    hex = /^0x/i.test(rest);
    rest = rest.slice(2);
    saw = 'digit';
  }
  for (const char of rest) {
    if (/[0-9]/.test(char) || (hex && /[a-f]/i.test(char))) saw = 'digit';
    else if (char === '_') {
      if (saw !== 'digit') return false;
      saw = 'underscore';
    } else {
      if (saw === 'underscore') return false;
      saw = 'other';
    }
  }
  return saw !== 'underscore';
}

function numberError(fn: string, text: string, reason: string): CastError {
  return new CastError(`strconv.${fn}: parsing ${JSON.stringify(text)}: ${reason}`);
}
