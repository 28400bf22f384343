/**
 * Substitutes variables in one string, the way compose-go's `template` package does.
 *
 * Compose's syntax is shell-like but not a shell: `$VAR`, `${VAR}`, the six operators
 * `:-` `-` `:+` `+` `:?` `?` (with nesting in their argument), and `$$` for a literal `$`.
 * The rules are compose-go's, quirks included, because users' files depend on them:
 * - a `$` that starts no valid name is kept as is (`a $ string`, `$}`), but `${` that does not
 *   continue with `NAME}` or `NAME<operator>...}` is an invalid template;
 * - a braced expression with an operator runs to the brace that balances the opening one, and
 *   never past the end of the line;
 * - an argument (default, alternative, error message) is substituted only when it is used.
 *
 * This module only rewrites one string. Walking a document, type casts and error positions
 * belong to `interpolate.ts`; where the variables come from is the caller's `lookup`.
 */

/** A variable's value, or undefined when it is not set (which differs from set to ""). */
export type VariableLookup = (name: string) => string | undefined;

/** `${` that does not form a valid expression, such as `${}` or `${ VAR}`. */
export class InvalidTemplateError extends Error {
  override readonly name = 'InvalidTemplateError';

  /** The text compose-go names in its message: the string (or nested argument) that failed. */
  constructor(readonly template: string) {
    super(`Invalid template: ${JSON.stringify(template)}`);
  }
}

/** `${VAR:?reason}` or `${VAR?reason}` met a missing value. */
export class MissingRequiredError extends Error {
  override readonly name = 'MissingRequiredError';

  constructor(
    readonly variable: string,
    /** The user's message, itself substituted; may be empty. */
    readonly reason: string,
  ) {
    super(
      reason === ''
        ? `required variable ${variable} is missing a value`
        : `required variable ${variable} is missing a value: ${reason}`,
    );
  }
}

export interface Substituted {
  readonly value: string;
  /** Variables referenced without a default that were not set, so became "" (in order). */
  readonly unset: readonly string[];
}

export function substitute(template: string, lookup: VariableLookup): Substituted {
  const context: Context = { lookup, unset: new Set() };
  const value = substituteIn(template, context);
  return { value, unset: [...context.unset] };
}

/** The operators, in the order compose-go lists them; the first one in the text wins. */
export const OPERATORS = [':?', '?', ':-', '-', ':+', '+'] as const;
export type Operator = (typeof OPERATORS)[number];

/**
 * The operator a braced expression uses: the one that occurs first in the text. compose-go
 * decides this on the whole match, which may run past the expression's closing brace; since
 * every operator character ends a name, the first one found is the one right after the name.
 */
export function chooseOperator(text: string): Operator | undefined {
  let chosen: Operator | undefined;
  let chosenAt = Infinity;
  for (const operator of OPERATORS) {
    const at = text.indexOf(operator);
    if (at >= 0 && at < chosenAt) {
      chosen = operator;
      chosenAt = at;
    }
  }
  return chosen;
}

/**
 * One `$` expression: `$$` (group 1), `$NAME` (group 2), `${NAME}` or `${NAME<op>...}`
 * (group 3), or a bare `${` that forms neither (no group: invalid). This is compose-go's
 * pattern; `[^\n]` stands for Go's `.`, which stops only at a newline, and `iu` gives Go's
 * Unicode case folding for the name.
 */
const EXPRESSION_SOURCE = String.raw`\$(?:(\$)|([_a-z][_a-z0-9]*)|\{(?:([_a-z][_a-z0-9]*(?::?[-+?][^\n]*)?)\}|))`;
const EXPRESSIONS = new RegExp(EXPRESSION_SOURCE, 'giu');
const EXPRESSION = new RegExp(EXPRESSION_SOURCE, 'iu');

interface Context {
  readonly lookup: VariableLookup;
  readonly unset: Set<string>;
}

/** Marks an invalid expression until the innermost enclosing template names itself in the error. */
class UnplacedInvalidTemplate extends Error {}

function substituteIn(template: string, context: Context): string {
  // replace() finds every match before calling back, so the nested calls below are safe.
  return template.replace(EXPRESSIONS, (match: string) => {
    try {
      return replaceExpression(match, context);
    } catch (error) {
      if (error instanceof UnplacedInvalidTemplate) throw new InvalidTemplateError(template);
      throw error;
    }
  });
}

function replaceExpression(match: string, context: Context): string {
  // The greedy pattern may have run past this expression's closing brace (`${A:-x} ${B}`):
  // cut there, and substitute what follows on its own.
  const operator = chooseOperator(match);
  const close = closingBraceIndex(match);
  const expression = close > -1 ? match.slice(0, close + 1) : match;
  const rest = close > -1 ? match.slice(close + 1) : '';

  const groups = EXPRESSION.exec(expression);
  if (groups?.[1]) return '$';
  const named = groups?.[2] ?? '';
  const substitution = named || (groups?.[3] ?? '');
  if (substitution === '') throw new UnplacedInvalidTemplate();

  if (named === '' && operator !== undefined) {
    const applied = applyOperator(operator, substitution, context);
    if (applied !== undefined) return applied + substituteIn(rest, context);
  }
  const value = context.lookup(substitution);
  if (value === undefined) context.unset.add(substitution);
  return value ?? '';
}

/** A `$` expression found in a text, as the pattern splits it. */
export interface Expression {
  /** The whole match; for an operator expression it may run past its own closing brace. */
  readonly text: string;
  /** `$$` */
  readonly escaped: boolean;
  /** The name of `$NAME`, else "". */
  readonly named: string;
  /** What is between the braces of `${...}` as the pattern reads it, else "" (also when invalid). */
  readonly braced: string;
}

/** Every `$` expression in a text, left to right; `config --variables` lists them from these. */
export function findExpressions(text: string): Expression[] {
  return [...text.matchAll(EXPRESSIONS)].map((match) => ({
    text: match[0],
    escaped: match[1] !== undefined,
    named: match[2] ?? '',
    braced: match[3] ?? '',
  }));
}

/**
 * The index of the brace that closes the first `{`, or -1. As in compose-go, the character
 * right after each `{` is skipped, so `{}` inside a default opens a level it never closes.
 */
export function closingBraceIndex(text: string): number {
  let open = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '}') {
      open--;
      if (open === 0) return i;
    }
    if (text[i] === '{') {
      open++;
      i++;
    }
  }
  return -1;
}

/** The value of `NAME<op>argument`, or undefined when the text does not use this operator. */
function applyOperator(operator: Operator, substitution: string, context: Context): string | undefined {
  const at = substitution.indexOf(operator);
  if (at < 0) return undefined;
  const name = substitution.slice(0, at);
  const argument = substitution.slice(at + operator.length);
  const value = context.lookup(name);
  // With a colon, an empty value counts as missing.
  const missing = value === undefined || (operator.startsWith(':') && value === '');
  switch (operator) {
    case ':-':
    case '-':
      return missing ? substituteIn(argument, context) : (value ?? '');
    case ':+':
    case '+':
      return missing ? (value ?? '') : substituteIn(argument, context);
    case ':?':
    case '?':
      if (missing) throw new MissingRequiredError(name, substituteIn(argument, context));
      return value ?? '';
    default: {
      const unknown: never = operator;
      throw new Error(`unknown operator ${String(unknown)}`);
    }
  }
}
