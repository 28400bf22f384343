// Ports compose-go template/template_test.go: every case, as rows.
import { describe, expect, it } from 'vitest';
import {
  chooseOperator,
  InvalidTemplateError,
  MissingRequiredError,
  substitute,
  type VariableLookup,
} from '../../src/compose/template.js';

const defaults: Record<string, string> = { FOO: 'first', BAR: '', JSON: '{"json":2}' };
const lookup: VariableLookup = (name) => (Object.hasOwn(defaults, name) ? defaults[name] : undefined);

describe('substitute', () => {
  it.each([
    // TestEscaped, TestSubstituteNoMatch
    { name: 'escaped', template: '$${foo}', expected: '${foo}' },
    { name: 'no match', template: 'foo', expected: 'foo' },
    // TestUnescaped
    { name: 'lone $ in text', template: 'a $ string', expected: 'a $ string' },
    { name: 'trailing $', template: '^REGEX$', expected: '^REGEX$' },
    { name: '$ before a brace', template: '$}', expected: '$}' },
    { name: 'just $', template: '$', expected: '$' },
    // TestNonBraced (docker/compose#8601)
    { name: 'non-braced stops at -', template: '$FOO-bar', expected: 'first-bar' },
    // TestNoValueNoDefault, TestValueNoDefault
    { name: 'unset, no default', template: 'This ${missing} var', expected: 'This  var' },
    { name: 'empty, no default', template: 'This ${BAR} var', expected: 'This  var' },
    { name: 'named', template: 'This $FOO var', expected: 'This first var' },
    { name: 'braced', template: 'This ${FOO} var', expected: 'This first var' },
    // TestNoValueWithDefault
    { name: 'unset, soft default', template: 'ok ${missing:-def}', expected: 'ok def' },
    { name: 'unset, hard default', template: 'ok ${missing-def}', expected: 'ok def' },
    // TestEmptyValueWithSoftDefault .. TestNonAlphanumericDefault
    { name: 'empty, soft default', template: 'ok ${BAR:-def}', expected: 'ok def' },
    { name: 'set, soft default', template: 'ok ${FOO:-def}', expected: 'ok first' },
    { name: 'empty, hard default', template: 'ok ${BAR-def}', expected: 'ok ' },
    { name: 'unset, :+', template: 'ok ${UNSET_VAR:+presence_value}', expected: 'ok ' },
    { name: 'unset, +', template: 'ok ${UNSET_VAR+presence_value}', expected: 'ok ' },
    { name: 'non-empty, :+', template: 'ok ${FOO:+presence_value}', expected: 'ok presence_value' },
    { name: 'non-empty, +', template: 'ok ${FOO+presence_value}', expected: 'ok presence_value' },
    { name: 'empty, +', template: 'ok ${BAR+presence_value}', expected: 'ok presence_value' },
    { name: 'empty, :+', template: 'ok ${BAR:+presence_value}', expected: 'ok ' },
    {
      name: 'non-alphanumeric default',
      template: 'ok ${BAR:-/non:-alphanumeric}',
      expected: 'ok /non:-alphanumeric',
    },
    // TestInterpolationExternalInterference
    { name: 'outer text 0', template: '-ok ${BAR:-defaultValue}', expected: '-ok defaultValue' },
    { name: 'outer text 1', template: '+ok ${UNSET:-${BAR-defaultValue}}', expected: '+ok ' },
    { name: 'outer text 2', template: '-ok ${FOO:-defaultValue}', expected: '-ok first' },
    { name: 'outer text 3', template: ':-ok ${UNSET-defaultValue}', expected: ':-ok defaultValue' },
    { name: 'outer text 4', template: ':-ok ${BAR-defaultValue}', expected: ':-ok ' },
    { name: 'outer text 5', template: ':?ok ${BAR-defaultValue}', expected: ':?ok ' },
    { name: 'outer text 6', template: ':?ok ${BAR:-defaultValue}', expected: ':?ok defaultValue' },
    { name: 'outer text 7', template: ':+ok ${BAR:-defaultValue}', expected: ':+ok defaultValue' },
    { name: 'outer text 8', template: '+ok ${BAR-defaultValue}', expected: '+ok ' },
    { name: 'outer text 9', template: '?ok ${BAR:-defaultValue}', expected: '?ok defaultValue' },
    // TestDefaultsWithNestedExpansion
    { name: 'nested named in default', template: 'ok ${UNSET_VAR-$FOO}', expected: 'ok first' },
    { name: 'nested braced in default', template: 'ok ${UNSET_VAR-${FOO}}', expected: 'ok first' },
    { name: 'two nested in default', template: 'ok ${UNSET_VAR-${FOO} ${FOO}}', expected: 'ok first first' },
    { name: 'nested named in soft default', template: 'ok ${BAR:-$FOO}', expected: 'ok first' },
    { name: 'nested braced in soft default', template: 'ok ${BAR:-${FOO}}', expected: 'ok first' },
    { name: 'two nested in soft default', template: 'ok ${BAR:-${FOO} ${FOO}}', expected: 'ok first first' },
    { name: 'nested in +', template: 'ok ${BAR+$FOO}', expected: 'ok first' },
    { name: 'nested :+ in +', template: 'ok ${BAR+$FOO ${FOO:+second}}', expected: 'ok first second' },
    // TestDefaultsForMandatoryVariables
    { name: 'set, :?', template: 'ok ${FOO:?err}', expected: 'ok first' },
    { name: 'set, ?', template: 'ok ${FOO?err}', expected: 'ok first' },
    { name: 'empty, ?', template: 'ok ${BAR?err}', expected: 'ok ' },
    // TestPrecedence (the successful rows)
    { name: 'precedence: - before ?', template: '${UNSET_VAR-myerror?msg}', expected: 'myerror?msg' },
    { name: 'precedence: ? before -', template: '${FOO?bar-baz}', expected: 'first' },
    {
      name: 'precedence: empty, :-',
      template: '${BAR:-default_value_for_empty_var}',
      expected: 'default_value_for_empty_var',
    },
    {
      name: 'precedence: unset, -',
      template: '${UNSET_VAR-default_value_for_unset_var}',
      expected: 'default_value_for_unset_var',
    },
    // TestSubstituteWithReplacementFunc, last assertion (the default replacement)
    { name: 'two expressions', template: 'ok ${SUBDOMAIN:-redis}.${FOO:?}', expected: 'ok redis.first' },
    // TestSubstituteWithCustomFunc / ...ReplacementAppliedFunc, with the default substitution
    { name: 'braced, set', template: 'ok ${FOO}', expected: 'ok first' },
    { name: 'braced, empty', template: 'ok ${BAR}', expected: 'ok ' },
    { name: 'braced, unset', template: 'ok ${UNSET}', expected: 'ok ' },
    // TestNoValueWithCurlyBracesDefault, TestValueWithCurlyBracesDefault
    { name: 'unset, JSON soft default', template: 'ok ${missing:-{"json":1}}', expected: 'ok {"json":1}' },
    { name: 'unset, JSON hard default', template: 'ok ${missing-{"json":1}}', expected: 'ok {"json":1}' },
    { name: 'set, JSON soft default', template: 'ok ${JSON:-{"json":1}}', expected: 'ok {"json":2}' },
    { name: 'set, JSON hard default', template: 'ok ${JSON-{"json":1}}', expected: 'ok {"json":2}' },
    // TestLazyDefaultDoesNotWarn, TestLazyDefaultWarnsWhenUsed (values)
    { name: 'lazy :+ argument', template: '${A:+${A},}B', expected: 'B' },
    { name: 'default used', template: '${A:-${B}}', expected: '' },
    // Beyond compose-go's tests: behaviour its pattern implies.
    { name: 'lower-case names', template: '${foo:-x}$FOO', expected: 'xfirst' },
    { name: 'names stop at punctuation', template: '$FOO.$FOO/$FOO', expected: 'first.first/first' },
    { name: 'a digit cannot start a name', template: '$1 $9FOO', expected: '$1 $9FOO' },
    { name: '$$ then a name', template: '$$FOO', expected: '$FOO' },
    { name: '$$$ then a name', template: '$$$FOO', expected: '$first' },
    { name: 'deep nesting', template: '${U1:-${U2:-${U3:-deep}}}', expected: 'deep' },
    { name: 'expressions on two lines', template: '${U1:-a}\n${U2:-b}', expected: 'a\nb' },
    { name: 'text after an operator expression', template: '${U1:-a}}', expected: 'a}' },
    { name: 'braces in a default', template: '${U1:-{}}', expected: '{}' },
  ])('$name', ({ template, expected }) => {
    expect(substitute(template, lookup).value).toBe(expected);
  });

  // TestInvalid, plus cases where the failing text is a nested argument.
  it.each([
    { template: '${', named: '${' },
    { template: '${}', named: '${}' },
    { template: '${ }', named: '${ }' },
    { template: '${ foo}', named: '${ foo}' },
    { template: '${foo }', named: '${foo }' },
    { template: '${foo!}', named: '${foo!}' },
    { template: 'ok $FOO ${FOO/a/b}', named: 'ok $FOO ${FOO/a/b}' },
    { template: '${U:-x}\n${U:-x', named: '${U:-x}\n${U:-x' },
    // compose-go names the innermost template that failed.
    { template: 'a ${U:-${}}', named: '${}' },
    { template: '${U:-x} ${}', named: ' ${}' },
  ])('invalid template $template', ({ template, named }) => {
    const error = catchError(() => substitute(template, lookup));
    expect(error).toBeInstanceOf(InvalidTemplateError);
    expect((error as InvalidTemplateError).template).toBe(named);
    expect((error as Error).message).toContain('Invalid template');
  });

  // TestMandatoryVariableErrors, TestMandatoryVariableErrorsWithNestedExpansion, TestPrecedence,
  // and compose-go's interpolation tests that stop at the first error.
  it.each([
    {
      template: 'not ok ${UNSET_VAR:?Mandatory Variable Unset}',
      variable: 'UNSET_VAR',
      message: 'required variable UNSET_VAR is missing a value: Mandatory Variable Unset',
    },
    {
      template: 'not ok ${BAR:?Mandatory Variable Empty}',
      variable: 'BAR',
      message: 'required variable BAR is missing a value: Mandatory Variable Empty',
    },
    {
      template: 'not ok ${UNSET_VAR:?}',
      variable: 'UNSET_VAR',
      message: 'required variable UNSET_VAR is missing a value',
    },
    {
      template: 'not ok ${UNSET_VAR?Mandatory Variable Unset}',
      variable: 'UNSET_VAR',
      message: 'required variable UNSET_VAR is missing a value: Mandatory Variable Unset',
    },
    {
      template: 'not ok ${UNSET_VAR?}',
      variable: 'UNSET_VAR',
      message: 'required variable UNSET_VAR is missing a value',
    },
    {
      template: 'not ok ${UNSET_VAR:?Mandatory Variable ${FOO}}',
      variable: 'UNSET_VAR',
      message: 'required variable UNSET_VAR is missing a value: Mandatory Variable first',
    },
    {
      template: 'not ok ${UNSET_VAR?Mandatory Variable ${FOO}}',
      variable: 'UNSET_VAR',
      message: 'required variable UNSET_VAR is missing a value: Mandatory Variable first',
    },
    {
      template: '${UNSET_VAR?bar-baz}',
      variable: 'UNSET_VAR',
      message: 'required variable UNSET_VAR is missing a value: bar-baz',
    },
    {
      template: '${U1:?first} ${U2:?second}',
      variable: 'U1',
      message: 'required variable U1 is missing a value: first',
    },
    {
      template: '${U1:-${U2:?inner}}',
      variable: 'U2',
      message: 'required variable U2 is missing a value: inner',
    },
  ])('missing required: $template', ({ template, variable, message }) => {
    const error = catchError(() => substitute(template, lookup));
    expect(error).toBeInstanceOf(MissingRequiredError);
    expect((error as MissingRequiredError).variable).toBe(variable);
    expect((error as Error).message).toBe(message);
  });

  // TestLazyDefaultDoesNotWarn, TestLazyDefaultWarnsWhenUsed, TestLazyRequiredMessageDoesNotWarn:
  // compose-go warns about an unset variable only when its value is used without a default.
  it.each<{ template: string; environment: Record<string, string>; unset: string[] }>([
    { template: '${A:+${A},}B', environment: {}, unset: [] },
    { template: '${A:-${B}}', environment: {}, unset: ['B'] },
    { template: '${A?${B}}', environment: { A: 'value' }, unset: [] },
    { template: '$A ${A} ${B:-x} ${C-} ${D:+y} $E', environment: {}, unset: ['A', 'E'] },
    { template: '${A:-x} ${B}', environment: {}, unset: ['B'] },
    { template: '$$A ${EMPTY}', environment: { EMPTY: '' }, unset: [] },
  ])('unset variables of $template', ({ template, environment, unset }) => {
    const result = substitute(template, (name) =>
      Object.hasOwn(environment, name) ? environment[name] : undefined,
    );
    expect(result.unset).toEqual(unset);
  });

  it('a value that looks like a template is not substituted again', () => {
    expect(substitute('${A}', (name) => (name === 'A' ? '${B:?boom}' : undefined)).value).toBe('${B:?boom}');
  });
});

// TestSubstitutionFunctionChoice
describe('chooseOperator', () => {
  it.each([
    { name: 'Error when EMPTY or UNSET', input: 'VARNAME:?val?ue', symbol: ':?' },
    { name: 'Error when UNSET 1', input: 'VARNAME?val:?ue', symbol: '?' },
    { name: 'Error when UNSET 2', input: 'VARNAME?va-lu+e:?e', symbol: '?' },
    { name: 'Error when UNSET 3', input: 'VARNAME?va+lu-e:?e', symbol: '?' },
    { name: 'Default when EMPTY or UNSET', input: 'VARNAME:-value', symbol: ':-' },
    { name: 'Default when UNSET 1', input: 'VARNAME-va:-lu:?e', symbol: '-' },
    { name: 'Default when UNSET 2', input: 'VARNAME-va+lu?e', symbol: '-' },
    { name: 'Default when UNSET 3', input: 'VARNAME-va?lu+e', symbol: '-' },
    { name: 'Default when NOT EMPTY', input: 'VARNAME:+va:?lu:-e', symbol: ':+' },
    { name: 'Default when SET 1', input: 'VARNAME+va:+lue', symbol: '+' },
    { name: 'Default when SET 2', input: 'VARNAME+va?lu-e', symbol: '+' },
    { name: 'Default when SET 3', input: 'VARNAME+va-lu?e', symbol: '+' },
    { name: 'no operator', input: 'VARNAME', symbol: undefined },
  ])('$name', ({ input, symbol }) => {
    expect(chooseOperator(input)).toBe(symbol);
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
