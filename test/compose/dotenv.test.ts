// Ports compose-go's dotenv/godotenv_test.go, dotenv/parser_test.go and
// dotenv/godotenv_var_expansion_test.go (fixtures from dotenv/fixtures, inline), and docker/cli's
// pkg/kvfile/kvfile_test.go for the `raw` format.
import { describe, expect, it } from 'vitest';
import { parseDotenv, parseRawEnvFile, readDotenv, type EnvLookup } from '../../src/compose/dotenv.js';
import { ComposeFileError } from '../../src/compose/errors.js';

const FILE = '/project/.env';

function parse(text: string, options: { lookup?: EnvLookup; base?: Record<string, string> } = {}) {
  return parseDotenv(text, { file: FILE, ...options });
}

function lookupFrom(variables: Record<string, string>): EnvLookup {
  return (name) => (Object.hasOwn(variables, name) ? variables[name] : undefined);
}

function parseError(text: string, options: { lookup?: EnvLookup } = {}): ComposeFileError {
  try {
    parse(text, options);
  } catch (error) {
    if (error instanceof ComposeFileError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to fail`);
}

const FIXTURES = {
  plain:
    'OPTION_A=1\nOPTION_B=2\nOPTION_C= 3\nOPTION_D =4\nOPTION_E = 5\n456 = ABC\nOPTION_F = \nOPTION_G=\nOPTION_H = my string # Inline comment\n',
  exported: "export OPTION_A=2\nexport OPTION_B='\\n'\n",
  equals: "export OPTION_A='postgres://localhost:5432/database?sslmode=disable'\n\n",
  quoted: [
    "OPTION_A='1'",
    "OPTION_B='2'",
    "OPTION_C=''",
    "OPTION_D='\\n'",
    'OPTION_E="1"',
    'OPTION_F="2"',
    'OPTION_G=""',
    'OPTION_H="\\n"',
    'OPTION_I = "echo \'asd\'" # Inline comment',
    "OPTION_J = 'first line",
    'second line',
    'third line',
    "and so on'",
    "OPTION_K='Let\\'s go!'",
    'OPTION_Z = "last value"',
    '',
  ].join('\n'),
  unquoted: [
    'OPTION_A = "some quoted phrase"',
    'OPTION_B=first one with an unquoted phrase',
    'OPTION_C = then another one with an unquoted phrase',
    'OPTION_D = then another one with an unquoted phrase special è char',
    'OPTION_E = "then another one quoted phrase"',
    '',
  ].join('\n'),
  substitutions:
    'OPTION_A=1\nOPTION_B=${OPTION_A}\nOPTION_C=$OPTION_B\nOPTION_D=${OPTION_A}_${OPTION_B}\nOPTION_E=${OPTION_NOT_DEFINED}\n',
  substitutionsDefault:
    'OPTION_A=${OPTION_A:-1}\nOPTION_B=${OPTION_A}\nOPTION_C=$OPTION_B\nOPTION_D=${OPTION_A}_${OPTION_B}\nOPTION_E=${OPTION_NOT_DEFINED}\n',
  special: 'VAR.WITH.DOTS=dots\nVAR_WITH_UNDERSCORES=underscores\nVAR-WITH-DASHES=dashes\n',
  utf8Bom:
    '\uFEFFOPTION_A=1\nOPTION_B=2\nOPTION_C= 3\nOPTION_D =4\nOPTION_E = 5\n456 = ABC\nOPTION_F =\nOPTION_G=\nOPTION_H = my string # Inline comment\n',
  invalid1: '# some comments\nfoo="\n  a\n  multine\n  value\n"\nINVALID LINE\nzot=qix',
  inheritedMultiVar: 'foo=bar\nVAR_TO_BE_LOADED_FROM_OS_ENV\nbar=baz\n',
  inheritedSingleVar: 'VAR_TO_BE_LOADED_FROM_OS_ENV\n',
  inheritedNotFound: 'VARIABLE_NOT_FOUND\n',
};

describe('parseDotenv: fixture files', () => {
  it.each([
    {
      name: 'plain.env (TestReadPlainEnv, TestLoadPlainEnv); `456` is kept: only godotenv.Read drops digit keys',
      text: FIXTURES.plain,
      lookup: undefined,
      expected: {
        OPTION_A: '1',
        OPTION_B: '2',
        OPTION_C: '3',
        OPTION_D: '4',
        OPTION_E: '5',
        '456': 'ABC',
        OPTION_F: '',
        OPTION_G: '',
        OPTION_H: 'my string',
      },
    },
    {
      name: 'exported.env (TestLoadExportedEnv)',
      text: FIXTURES.exported,
      lookup: undefined,
      expected: { OPTION_A: '2', OPTION_B: '\\n' },
    },
    {
      name: 'equals.env (TestLoadEqualsEnv)',
      text: FIXTURES.equals,
      lookup: undefined,
      expected: { OPTION_A: 'postgres://localhost:5432/database?sslmode=disable' },
    },
    {
      name: 'quoted.env (TestLoadQuotedEnv)',
      text: FIXTURES.quoted,
      lookup: undefined,
      expected: {
        OPTION_A: '1',
        OPTION_B: '2',
        OPTION_C: '',
        OPTION_D: '\\n',
        OPTION_E: '1',
        OPTION_F: '2',
        OPTION_G: '',
        OPTION_H: '\n',
        OPTION_I: "echo 'asd'",
        OPTION_J: 'first line\nsecond line\nthird line\nand so on',
        OPTION_K: "Let's go!",
        OPTION_Z: 'last value',
      },
    },
    {
      name: 'unquoted.env (TestLoadUnquotedEnv)',
      text: FIXTURES.unquoted,
      lookup: undefined,
      expected: {
        OPTION_A: 'some quoted phrase',
        OPTION_B: 'first one with an unquoted phrase',
        OPTION_C: 'then another one with an unquoted phrase',
        OPTION_D: 'then another one with an unquoted phrase special è char',
        OPTION_E: 'then another one quoted phrase',
      },
    },
    {
      name: 'substitutions.env (TestSubstitutions)',
      text: FIXTURES.substitutions,
      lookup: undefined,
      expected: { OPTION_A: '1', OPTION_B: '1', OPTION_C: '1', OPTION_D: '1_1', OPTION_E: '' },
    },
    {
      name: 'substitutions.env: the lookup wins over the file for ${VAR} (TestSubstitutionsWithEnvFilePrecedence)',
      text: FIXTURES.substitutions,
      lookup: lookupFrom({ OPTION_A: '5' }),
      expected: { OPTION_A: '1', OPTION_B: '5', OPTION_C: '5', OPTION_D: '5_5', OPTION_E: '' },
    },
    {
      name: 'substitutions-default.env with OPTION_A set (TestSubstitutionsWithEnvFileDefaultValuePrecedence)',
      text: FIXTURES.substitutionsDefault,
      lookup: lookupFrom({ OPTION_A: '5' }),
      expected: { OPTION_A: '5', OPTION_B: '5', OPTION_C: '5', OPTION_D: '5_5', OPTION_E: '' },
    },
    {
      name: 'substitutions-default.env unset (TestSubstitutionsWithUnsetVarEnvFileDefaultValuePrecedence)',
      text: FIXTURES.substitutionsDefault,
      lookup: lookupFrom({}),
      expected: { OPTION_A: '1', OPTION_B: '1', OPTION_C: '1', OPTION_D: '1_1', OPTION_E: '' },
    },
    {
      name: 'utf8-bom.env: the byte order mark is skipped (TestUTF8BOM)',
      text: FIXTURES.utf8Bom,
      lookup: undefined,
      expected: {
        OPTION_A: '1',
        OPTION_B: '2',
        OPTION_C: '3',
        OPTION_D: '4',
        OPTION_E: '5',
        '456': 'ABC',
        OPTION_F: '',
        OPTION_G: '',
        OPTION_H: 'my string',
      },
    },
    {
      name: 'special.env: dots and dashes in keys (TestDash)',
      text: FIXTURES.special,
      lookup: undefined,
      expected: { 'VAR.WITH.DOTS': 'dots', VAR_WITH_UNDERSCORES: 'underscores', 'VAR-WITH-DASHES': 'dashes' },
    },
    {
      name: 'inherited-multi-var.env (TestInheritedEnvVariableSameSize)',
      text: FIXTURES.inheritedMultiVar,
      lookup: lookupFrom({ VAR_TO_BE_LOADED_FROM_OS_ENV: 'SOME_RANDOM_VALUE' }),
      expected: { foo: 'bar', VAR_TO_BE_LOADED_FROM_OS_ENV: 'SOME_RANDOM_VALUE', bar: 'baz' },
    },
    {
      name: 'inherited-single-var.env (TestInheritedEnvVariableSingleVar)',
      text: FIXTURES.inheritedSingleVar,
      lookup: lookupFrom({ VAR_TO_BE_LOADED_FROM_OS_ENV: 'SOME_RANDOM_VALUE' }),
      expected: { VAR_TO_BE_LOADED_FROM_OS_ENV: 'SOME_RANDOM_VALUE' },
    },
    {
      name: 'inherited-not-found.env: a bare key without value is left out (TestInheritedEnvVariableNotFound)',
      text: FIXTURES.inheritedNotFound,
      lookup: undefined,
      expected: {},
    },
  ])('$name', ({ text, lookup, expected }) => {
    expect(parse(text, { lookup })).toStrictEqual(expected);
  });
});

describe('parseDotenv: one line (TestParsing, TestParse)', () => {
  it.each([
    { name: 'unquoted value', text: 'FOO=bar', key: 'FOO', value: 'bar' },
    { name: 'space before the equal sign', text: 'FOO =bar', key: 'FOO', value: 'bar' },
    { name: 'space after the equal sign', text: 'FOO= bar', key: 'FOO', value: 'bar' },
    { name: 'double quoted', text: 'FOO="bar"', key: 'FOO', value: 'bar' },
    { name: 'single quoted', text: "FOO='bar'", key: 'FOO', value: 'bar' },
    { name: 'escaped double quote', text: 'FOO="escaped\\"bar"', key: 'FOO', value: 'escaped"bar' },
    { name: 'escaped quotes around the value', text: 'FOO="\\"quoted\\""', key: 'FOO', value: '"quoted"' },
    { name: 'single quotes inside double quotes', text: 'FOO="\'d\'"', key: 'FOO', value: "'d'" },
    { name: 'yaml style', text: 'OPTION_A: 1', key: 'OPTION_A', value: '1' },
    {
      name: 'yaml style with an equal sign in the value',
      text: 'OPTION_A: Foo=bar',
      key: 'OPTION_A',
      value: 'Foo=bar',
    },
    { name: 'colon in the value', text: 'OPTION_A=1:B', key: 'OPTION_A', value: '1:B' },
    { name: 'export keyword', text: 'export OPTION_A=2', key: 'OPTION_A', value: '2' },
    { name: 'export with single quotes', text: "export OPTION_B='\\n'", key: 'OPTION_B', value: '\\n' },
    {
      name: 'export then a key starting with export',
      text: 'export exportFoo=2',
      key: 'exportFoo',
      value: '2',
    },
    { name: 'key starting with export', text: 'exportFOO=2', key: 'exportFOO', value: '2' },
    { name: 'key export_FOO', text: 'export_FOO =2', key: 'export_FOO', value: '2' },
    { name: 'key export.FOO', text: 'export.FOO= 2', key: 'export.FOO', value: '2' },
    { name: 'export and a tab', text: 'export\tOPTION_A=2', key: 'OPTION_A', value: '2' },
    { name: 'indented export', text: '  export OPTION_A=2', key: 'OPTION_A', value: '2' },
    { name: 'tab-indented export', text: '\texport OPTION_A=2', key: 'OPTION_A', value: '2' },
    {
      name: 'export inside a quoted value',
      text: 'export OPTION_A="export A"',
      key: 'OPTION_A',
      value: 'export A',
    },
    { name: 'newline escape in double quotes', text: 'FOO="bar\\nbaz"', key: 'FOO', value: 'bar\nbaz' },
    { name: 'no escapes unquoted', text: 'FOO=a\\tb', key: 'FOO', value: 'a\\tb' },
    { name: 'tab escape in double quotes', text: 'FOO="a\\tb"', key: 'FOO', value: 'a\tb' },
    {
      name: 'shell escape sequences',
      text: 'KEY="Z\\aZ\\bZ\\fZ\\nZ\\rZ\\tZ\\vZ\\\\Z\\0123Z"',
      key: 'KEY',
      value: 'Z\x07Z\bZ\fZ\nZ\rZ\tZ\vZ\\ZSZ',
    },
    { name: 'dots in the key', text: 'FOO.BAR=foobar', key: 'FOO.BAR', value: 'foobar' },
    { name: 'several equal signs', text: 'FOO=foobar=', key: 'FOO', value: 'foobar=' },
    { name: 'trailing space stripped', text: 'FOO=bar ', key: 'FOO', value: 'bar' },
    { name: 'inline comment', text: 'FOO=bar # this is foo', key: 'FOO', value: 'bar' },
    { name: 'inline comment without space after #', text: 'FOO=bar #this is foo', key: 'FOO', value: 'bar' },
    { name: 'empty inline comment', text: 'FOO=bar #', key: 'FOO', value: 'bar' },
    {
      name: '# without a space before is not a comment',
      text: 'FOO=123#not-an-inline-comment',
      key: 'FOO',
      value: '123#not-an-inline-comment',
    },
    { name: '# in double quotes', text: 'FOO="bar#baz"', key: 'FOO', value: 'bar#baz' },
    { name: '# right after the closing quote', text: 'FOO="bar#baz"#', key: 'FOO', value: 'bar#baz' },
    { name: 'comment after double quotes', text: 'FOO="bar#baz" # comment', key: 'FOO', value: 'bar#baz' },
    { name: 'comment after single quotes', text: "FOO='bar#baz' # comment", key: 'FOO', value: 'bar#baz' },
    { name: 'several #', text: 'FOO="bar#baz#bang" # comment', key: 'FOO', value: 'bar#baz#bang' },
    { name: '# inside double quotes', text: 'FOO="ba#r"', key: 'FOO', value: 'ba#r' },
    { name: '# inside single quotes', text: "FOO='ba#r'", key: 'FOO', value: 'ba#r' },
    {
      name: 'unknown escapes keep the backslash',
      text: 'FOO="bar\\n\\ b\\az"',
      key: 'FOO',
      value: 'bar\n\\ b\x07z',
    },
    {
      name: 'escaped backslash before an escape',
      text: 'FOO="bar\\\\\\n\\ b\\az"',
      key: 'FOO',
      value: 'bar\\\n\\ b\x07z',
    },
    {
      name: 'escaped backslash then r',
      text: 'FOO="bar\\\\r\\ b\\az"',
      key: 'FOO',
      value: 'bar\\r\\ b\x07z',
    },
    { name: 'escaped backslash at the end', text: 'FOO="bar\\nbaz\\\\"', key: 'FOO', value: 'bar\nbaz\\' },
    { name: 'empty key', text: '="value"', key: '', value: 'value' },
    { name: 'leading space', text: ' KEY =value', key: 'KEY', value: 'value' },
    { name: 'leading spaces', text: '   KEY=value', key: 'KEY', value: 'value' },
    { name: 'leading tab', text: '\tKEY=value', key: 'KEY', value: 'value' },
    { name: 'XSI octal escape', text: 'KEY="\\0123"', key: 'KEY', value: 'S' },
    { name: '\\x is not an escape', text: 'KEY="\\x07"', key: 'KEY', value: '\\x07' },
    { name: '\\u is not an escape', text: 'KEY="\\u12e4"', key: 'KEY', value: '\\u12e4' },
    { name: '\\U is not an escape', text: 'KEY="\\U00101234"', key: 'KEY', value: '\\U00101234' },
    // Beyond compose-go's table: the same rules on neighbouring inputs.
    { name: 'CRLF line ending', text: 'FOO=bar\r\nBAR=baz\r\n', key: 'FOO', value: 'bar' },
    { name: 'tab before # is not a comment', text: 'FOO=bar\t# x', key: 'FOO', value: 'bar\t#' + ' x' },
    { name: 'value starting with # after spaces', text: 'FOO= #bar', key: 'FOO', value: '#bar' },
    { name: 'octal with too few digits is kept', text: 'KEY="\\01"', key: 'KEY', value: '\\01' },
    { name: 'octal above 0377 is kept', text: 'KEY="\\0400"', key: 'KEY', value: '\\0400' },
    { name: '\\$ in double quotes is a literal dollar', text: 'KEY="\\$HOME"', key: 'KEY', value: '$HOME' },
    { name: '$$ unquoted is a literal dollar', text: 'KEY=$$HOME', key: 'KEY', value: '$HOME' },
    { name: 'single quotes keep backslashes', text: "KEY='a\\tb'", key: 'KEY', value: 'a\\tb' },
    { name: 'unicode letters in the key', text: 'árvíztűrő-TÜKÖR=x', key: 'árvíztűrő-TÜKÖR', value: 'x' },
    { name: 'a last line without newline is the empty key', text: 'A=1\nFOO', key: '', value: 'FOO' },
  ])('$name', ({ text, key, value }) => {
    expect(parse(text)).toHaveProperty([key], value);
  });

  it('parses several statements (TestParse)', () => {
    expect(parse('ONE=1\nTWO=\'2\'\nTHREE = "3"')).toStrictEqual({ ONE: '1', TWO: '2', THREE: '3' });
  });

  it('reads a multi-line double-quoted value (TestVariableStringValueSeparator)', () => {
    const text = 'TEST_URLS="stratum+tcp://stratum.antpool.com:3333\nstratum+tcp://stratum.antpool.com:443"';
    expect(parse(text)).toStrictEqual({
      TEST_URLS: 'stratum+tcp://stratum.antpool.com:3333\nstratum+tcp://stratum.antpool.com:443',
    });
  });

  it('reads keys with brackets, dots and any letters (TestParseBytes)', () => {
    const text = '\na=b\na[1]=c\na.propertyKey=d\nárvíztűrő-TÜKÖRFÚRÓGÉP=ÁRVÍZTŰRŐ-tükörfúrógép\n';
    expect(parse(text)).toStrictEqual({
      a: 'b',
      'a[1]': 'c',
      'a.propertyKey': 'd',
      'árvíztűrő-TÜKÖRFÚRÓGÉP': 'ÁRVÍZTŰRŐ-tükörfúrógép',
    });
  });

  it('stays linear on a thousand lines (TestMemoryExplosion)', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `KEY${i}=VALUE${i}`).join('\n');
    const parsed = parse(text);
    expect(Object.keys(parsed)).toHaveLength(1000);
    expect(parsed.KEY999).toBe('VALUE999');
  });

  it('reads text after a closing quote as the next statement', () => {
    expect(parse('FOO="bar"baz\n')).toStrictEqual({ FOO: 'bar' });
    expect(parse('FOO="bar"baz\n', { lookup: lookupFrom({ baz: 'B' }) })).toStrictEqual({
      FOO: 'bar',
      baz: 'B',
    });
  });
});

describe('parseDotenv: lines that set nothing (TestLinesToIgnore)', () => {
  it.each([
    { name: 'nothing but a line break', text: '\n' },
    { name: 'nothing but a windows line break', text: '\r\n' },
    { name: 'whitespace', text: '\t\t ' },
    { name: 'comment', text: '# Comment' },
    { name: 'indented comment', text: '\t # comment' },
  ])('$name', ({ text }) => {
    expect(parse(text)).toStrictEqual({});
  });

  it('does not skip a statement after blank lines', () => {
    expect(parse("\n\n# c\nexport OPTION_B='\\n'")).toStrictEqual({ OPTION_B: '\\n' });
  });
});

describe('parseDotenv: variables in values (TestExpanding, TestExpandingEnvironmentWithLookup)', () => {
  it.each([
    {
      name: 'expands variables found in values',
      text: 'FOO=test\nBAR=$FOO',
      expected: { FOO: 'test', BAR: 'test' },
    },
    { name: 'braces', text: 'FOO=test\nBAR=${FOO}bar', expected: { FOO: 'test', BAR: 'testbar' } },
    { name: 'undefined variables expand to ""', text: 'BAR=$FOO', expected: { BAR: '' } },
    {
      name: 'double quotes',
      text: 'FOO=test\nBAR="quote $FOO"',
      expected: { FOO: 'test', BAR: 'quote test' },
    },
    { name: 'not in single quotes', text: "BAR='quote $FOO'", expected: { BAR: 'quote $FOO' } },
    { name: 'escaped $ 1', text: 'FOO="foo\\$BAR"', expected: { FOO: 'foo$BAR' } },
    { name: 'escaped $ 2', text: 'FOO="foo\\${BAR}"', expected: { FOO: 'foo${BAR}' } },
    {
      name: 'escaped $ 3',
      text: 'FOO=test\nBAR="foo\\${FOO} ${FOO}"',
      expected: { FOO: 'test', BAR: 'foo${FOO} test' },
    },
  ])('$name', ({ text, expected }) => {
    expect(parse(text)).toStrictEqual(expected);
  });

  it('resolves from the lookup', () => {
    expect(parse('TEST=$ME', { lookup: (name) => (name === 'ME' ? 'YES' : undefined) })).toStrictEqual({
      TEST: 'YES',
    });
  });

  it('asks the lookup for a bare key and leaves it out when not found (TestInheritedEnvVariableNotFoundWithLookup)', () => {
    const asked: string[] = [];
    const parsed = parse(FIXTURES.inheritedNotFound, {
      lookup: (name) => {
        asked.push(name);
        return undefined;
      },
    });
    expect(parsed).toStrictEqual({});
    expect(asked).toStrictEqual(['VARIABLE_NOT_FOUND']);
  });

  it('reads on top of a base, which ${VAR} sees after the lookup', () => {
    const parsed = parse('B=${A}-${C}\nA=2', { base: { A: '1', Z: 'z' }, lookup: lookupFrom({ C: 'c' }) });
    expect(parsed).toStrictEqual({ A: '2', Z: 'z', B: '1-c' });
  });

  it('reports each unset variable once, as docker compose words it', () => {
    const result = readDotenv('A=$X\nB=${X}\nC=${Y:-y}', { file: FILE });
    expect(result.warnings).toStrictEqual(['The "X" variable is not set. Defaulting to a blank string.']);
  });
});

describe('parseDotenv: operators (godotenv_var_expansion_test.go)', () => {
  const base = { EMPTY_VAR: '', TEST_VAR: 'Test Value' };
  it.each([
    {
      name: 'if empty or unset: UNSET_VAR',
      value: '${UNSET_VAR:-Default Value}',
      expected: 'RESULT=Default Value',
    },
    {
      name: 'if empty or unset: EMPTY_VAR',
      value: '${EMPTY_VAR:-Default Value}',
      expected: 'RESULT=Default Value',
    },
    {
      name: 'if empty or unset: TEST_VAR',
      value: '${TEST_VAR:-Default Value}',
      expected: 'RESULT=Test Value',
    },
    { name: 'if unset: UNSET_VAR', value: '${UNSET_VAR-Default Value}', expected: 'RESULT=Default Value' },
    { name: 'if unset: EMPTY_VAR', value: '${EMPTY_VAR-Default Value}', expected: 'RESULT=' },
    { name: 'if unset: TEST_VAR', value: '${TEST_VAR-Default Value}', expected: 'RESULT=Test Value' },
    {
      name: 'error if empty or unset: TEST_VAR',
      value: '${TEST_VAR:?Default Value}',
      expected: 'RESULT=Test Value',
    },
    { name: 'error if unset: EMPTY_VAR', value: '${EMPTY_VAR?Test error}', expected: 'RESULT=' },
    { name: 'error if unset: TEST_VAR', value: '${TEST_VAR?Default Value}', expected: 'RESULT=Test Value' },
  ])('$name', ({ value, expected }) => {
    expect(parse(`X=RESULT=${value}`, { base }).X).toBe(expected);
  });

  it.each([
    {
      name: 'error if empty or unset: UNSET_VAR',
      value: '${UNSET_VAR:?Test error}',
      error: 'required variable UNSET_VAR is missing a value: Test error',
    },
    {
      name: 'error if empty or unset: EMPTY_VAR',
      value: '${EMPTY_VAR:?Test error}',
      error: 'required variable EMPTY_VAR is missing a value: Test error',
    },
    {
      name: 'error if unset: UNSET_VAR',
      value: '${UNSET_VAR?Test error}',
      error: 'required variable UNSET_VAR is missing a value: Test error',
    },
  ])('$name', ({ value, error }) => {
    expect(() => parse(`X=RESULT=${value}`, { base })).toThrow(error);
  });
});

describe('parseDotenv: errors name the file, line and column', () => {
  it.each([
    {
      name: 'a bad character in the key (TestParsing)',
      text: 'lol$wut',
      message: 'unexpected character "$" in variable name "lol$wut"',
      line: 1,
      column: 4,
    },
    {
      name: 'a bad first character (TestParseVariable)',
      text: '%!(EXTRA string)=foo',
      message: 'unexpected character "%" in variable name "%!(EXTRA string)=foo"',
      line: 1,
      column: 1,
    },
    {
      name: 'a space inside the key (TestErrorParsing, invalid1.env)',
      text: FIXTURES.invalid1,
      message: 'key cannot contain a space',
      line: 7,
      column: 1,
    },
    {
      name: 'export and nothing else',
      text: 'A=1\nexport ',
      message: 'zero length string',
      line: 2,
      column: 8,
    },
    {
      name: 'a missing required variable',
      text: 'A=1\nB=${NOPE:?needed}',
      message: 'required variable NOPE is missing a value: needed',
      line: 2,
      column: 3,
    },
    { name: 'an invalid template', text: 'A="x ${}"', message: 'Invalid template', line: 1, column: 3 },
  ])('$name', ({ text, message, line, column }) => {
    const error = parseError(text);
    expect(error.detail).toContain(message);
    expect({ file: error.file, line: error.line, column: error.column }).toStrictEqual({
      file: FILE,
      line,
      column,
    });
  });

  it.each([
    { text: 'KEY="', line: 'KEY="' },
    { text: 'KEY="value', line: 'KEY="value' },
    { text: 'KEY="value\\"', line: 'KEY="value\\"' },
    { text: 'KEY="value\'', line: 'KEY="value\'' },
    { text: "KEY='", line: "KEY='" },
    { text: "KEY='value", line: "KEY='value" },
    { text: "KEY='value\\'", line: "KEY='value\\'" },
    { text: 'KEY=\'value"', line: 'KEY=\'value"' },
  ])('an unterminated quoted value: $text (TestUnterminatedQuotes)', ({ text }) => {
    const error = parseError(text);
    expect(error.detail).toBe(`unterminated quoted value ${text.slice(4)}`);
    expect([error.line, error.column]).toStrictEqual([1, 5]);
  });
});

describe('parseRawEnvFile (docker/cli kvfile)', () => {
  const raw = (text: string, lookup?: EnvLookup) => parseRawEnvFile(text, { file: FILE, lookup });

  it.each([
    {
      name: 'with a lookup (TestParseFromReaderWithLookup)',
      text: '# comment=\nVAR=VAR_VALUE\nEMPTY_VAR=\nUNDEFINED_VAR\nDEFINED_VAR\n',
      lookup: lookupFrom({ DEFINED_VAR: 'defined-value' }),
      expected: { VAR: 'VAR_VALUE', EMPTY_VAR: '', DEFINED_VAR: 'defined-value' },
    },
    {
      name: 'a good file (TestParseFromReaderGoodFile)',
      text: 'foo=bar\n    baz=quux\n# comment\n\n_foobar=foobaz\nwith.dots=working\nand_underscore=working too\n\n    \t  ',
      lookup: undefined,
      expected: {
        foo: 'bar',
        baz: 'quux',
        _foobar: 'foobaz',
        'with.dots': 'working',
        and_underscore: 'working too',
      },
    },
    { name: 'an empty file (TestParseFromReaderEmptyFile)', text: '', lookup: undefined, expected: {} },
    {
      name: 'values as written: quotes, $ and trailing spaces (TestRawEnvFile)',
      text: 'TEST_VAR=\'{"key": "value"}\'\nB="$HOME" \nC=a # b\n',
      lookup: lookupFrom({ HOME: '/root' }),
      expected: { TEST_VAR: '\'{"key": "value"}\'', B: '"$HOME" ', C: 'a # b' },
    },
    {
      name: 'CRLF endings and a byte order mark',
      text: '\uFEFFA=1\r\nB=2\r\n',
      lookup: undefined,
      expected: { A: '1', B: '2' },
    },
  ])('$name', ({ text, lookup, expected }) => {
    expect(raw(text, lookup)).toStrictEqual(expected);
  });

  it.each([
    {
      name: 'a badly formatted file (TestParseFromReaderBadlyFormattedFile)',
      text: 'foo=bar\n    f   =quux\n',
      message: "variable 'f   ' contains whitespaces",
      line: 2,
      column: 5,
    },
    {
      name: 'a random file (TestParseFromReaderRandomFile)',
      text: 'first line\nanother invalid line',
      message: "variable 'first line' contains whitespaces",
      line: 1,
      column: 1,
    },
    {
      name: 'no variable name (TestParseFromReaderWithNoName)',
      text: '# comment=\n=blank variable names are an error case\n',
      message: "no variable name on line '=blank variable names are an error case'",
      line: 2,
      column: 1,
    },
  ])('$name', ({ text, message, line, column }) => {
    let caught: unknown;
    try {
      raw(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ComposeFileError);
    const error = caught as ComposeFileError;
    expect(error.detail).toBe(message);
    expect([error.file, error.line, error.column]).toStrictEqual([FILE, line, column]);
  });
});
