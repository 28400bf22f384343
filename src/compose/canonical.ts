/**
 * The normalisation stage: every short syntax in a compose tree is turned into its long form, so
 * that later stages and the printed model see one shape per attribute. It comes in two depths,
 * as in compose-go, which canonicalises each merged file and binds the result to its Go types
 * only once, at the end:
 *
 * - `toCanonicalSyntax` is compose-go's canonical transform (canonical-syntax-rules.ts: `build: .`,
 *   short ports and volumes, `depends_on` lists, `env_file` strings, legacy `external.name`…). Its
 *   output is still a valid compose file, so it can run after each merged file, before the next
 *   file is merged and the schema checks the result. `config --no-interpolate` prints this form.
 * - `toCanonical` adds what compose-go's binding to Go types does (canonical-binding-rules.ts and
 *   canonical-scalar-rules.ts: environment lists to maps, commands split into words, durations,
 *   byte sizes, `"true"` to true…). Some of these forms are not ones a user may write
 *   (`ulimits: {nofile: {single: 1024}}`, `memory` as a number), so it runs once, on the merged
 *   model, after schema validation.
 *
 * Both are idempotent. Values that do not parse are errors, all collected and thrown together.
 * With interpolation off they may still hold `${...}`; `unreadable: 'keep'` then leaves them as
 * written, as compose-go does. Default values for omitted attributes are set by defaults.ts.
 */
import { applyPathRules, compilePathRules, type PathRuleTable } from './apply-path-rules.js';
import { bindingRules } from './canonical-binding-rules.js';
import type { CanonicalContext } from './canonical-context.js';
import { scalarRules } from './canonical-scalar-rules.js';
import { syntaxRules } from './canonical-syntax-rules.js';
import { ComposeFileError, throwIfAny } from './errors.js';
import { locate, type SourceNode } from './source-map.js';
import type { TreePath } from './tree-path.js';

export interface CanonicalOptions {
  /** `fail` (the default): a value that does not parse is an error. `keep`: leave it as written. */
  readonly unreadable?: 'fail' | 'keep';
  /** Where the tree's values came from, to give errors a file, line and column. */
  readonly source?: SourceNode;
  /** Receives deprecation warnings (`external.name`, `yes` as a boolean). */
  readonly warn?: (message: string) => void;
}

const MODEL_RULES = compilePathRules([...syntaxRules, ...bindingRules, ...scalarRules]);
const SYNTAX_RULES = compilePathRules(syntaxRules);

/** Every attribute in the long form compose-go's model holds. */
export function toCanonical(
  tree: Record<string, unknown>,
  options: CanonicalOptions = {},
): Record<string, unknown> {
  return applyRules(tree, MODEL_RULES, options);
}

/** compose-go's canonical tree: long syntax where a compose file may be written in long syntax. */
export function toCanonicalSyntax(
  tree: Record<string, unknown>,
  options: CanonicalOptions = {},
): Record<string, unknown> {
  return applyRules(tree, SYNTAX_RULES, options);
}

function applyRules(
  tree: Record<string, unknown>,
  rules: PathRuleTable<CanonicalContext>,
  options: CanonicalOptions,
): Record<string, unknown> {
  const errors: ComposeFileError[] = [];
  const fail = (value: unknown, path: TreePath, message: string): unknown => {
    errors.push(new ComposeFileError({ message, path, position: locate(options.source, path) }));
    return value;
  };
  const context: CanonicalContext = {
    unreadable: options.unreadable === 'keep' ? (value) => value : fail,
    reject: fail,
    warn: options.warn ?? (() => undefined),
  };
  const canonical = applyPathRules(tree, rules, context) as Record<string, unknown>;
  throwIfAny(errors);
  return canonical;
}
