/**
 * The data behind `config --variables`: every variable a model refers to, with the default,
 * the alternative value and whether it is required, as compose-go's `template.ExtractVariables`
 * reads them from the raw, uninterpolated model.
 *
 * This is a reading of the text, not an evaluation: nothing is looked up, and arguments are
 * scanned for the variables they name (`${A:-$B}` lists A with default `$B`, and B). The error
 * message of `${A:?msg}` is not scanned. compose-go's quirks are kept, since its output is what
 * users compare with: an invalid `${` lists a variable with an empty name, and when a name
 * appears more than once the last reading wins (compose-go walks mappings in random order; we
 * walk in document order, so "last" is well defined here).
 */
import { closingBraceIndex, findExpressions } from './template.js';

export interface Variable {
  readonly name: string;
  /** The argument of `:-` or `-`, as written; "" when there is none. */
  readonly defaultValue: string;
  /** The argument of `:+` or `+`, as written; "" when there is none. */
  readonly presenceValue: string;
  /** `:?` or `?` */
  readonly required: boolean;
}

/** Every variable in the string values of a tree (keys are not read), by name, in first-seen order. */
export function extractVariables(tree: unknown): Map<string, Variable> {
  const found = new Map<string, Variable>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const variable of variablesIn(value)) found.set(variable.name, variable);
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (typeof value === 'object' && value !== null) {
      Object.values(value).forEach(visit);
    }
  };
  visit(tree);
  return found;
}

/** The variables one string refers to, in compose-go's order (a later reading of a name wins). */
export function variablesIn(text: string): Variable[] {
  const variables: Variable[] = [];
  for (const expression of findExpressions(text)) {
    if (expression.escaped) continue;
    let body = expression.named;
    if (body === '') {
      body = expression.braced;
      // An operator expression may run past its brace: what follows is read on its own, first.
      const close = closingBraceIndex(expression.text);
      if (close > 0) {
        body = expression.text.slice(2, close);
        variables.push(...variablesIn(expression.text.slice(close + 1)));
      }
    }
    const variable = readBody(body);
    variables.push(variable);
    if (variable.defaultValue !== '') variables.push(...variablesIn(variable.defaultValue));
    if (variable.presenceValue !== '') variables.push(...variablesIn(variable.presenceValue));
  }
  return variables;
}

/** `NAME`, or `NAME` followed by an operator and its argument. */
function readBody(body: string): Variable {
  const variable = { name: body, defaultValue: '', presenceValue: '', required: false };
  const end = body.search(/[^A-Za-z0-9_]/);
  if (end <= 0) return variable;
  const name = body.slice(0, end);
  const rest = body.slice(end);
  if (rest.startsWith(':?') || rest.startsWith('?')) return { ...variable, name, required: true };
  if (rest.startsWith(':-')) return { ...variable, name, defaultValue: rest.slice(2) };
  if (rest.startsWith('-')) return { ...variable, name, defaultValue: rest.slice(1) };
  if (rest.startsWith(':+')) return { ...variable, name, presenceValue: rest.slice(2) };
  if (rest.startsWith('+')) return { ...variable, name, presenceValue: rest.slice(1) };
  return { ...variable, name };
}
