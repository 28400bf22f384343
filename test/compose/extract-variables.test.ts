// Ports compose-go template/variables_test.go (every case), then adds the quirks its code implies.
import { describe, expect, it } from 'vitest';
import { extractVariables, type Variable } from '../../src/compose/extract-variables.js';

function variable(name: string, fields: Partial<Variable> = {}): Variable {
  return { name, defaultValue: '', presenceValue: '', required: false, ...fields };
}

describe('extractVariables', () => {
  it.each<{ name: string; dict: unknown; expected: Variable[] }>([
    { name: 'empty', dict: {}, expected: [] },
    { name: 'no-variables', dict: { foo: 'bar' }, expected: [] },
    { name: 'variable-without-curly-braces', dict: { foo: '$bar' }, expected: [variable('bar')] },
    {
      name: 'variable-without-curly-braces-and-with-number-suffix',
      dict: { foo: '$bar_1' },
      expected: [variable('bar_1')],
    },
    { name: 'variable', dict: { foo: '${bar}' }, expected: [variable('bar')] },
    {
      name: 'required-variable',
      dict: { foo: '${bar?:foo}' },
      expected: [variable('bar', { required: true })],
    },
    {
      name: 'required-variable-with-number-suffix',
      dict: { foo: '${bar_1?:foo}' },
      expected: [variable('bar_1', { required: true })],
    },
    {
      name: 'required-variable2',
      dict: { foo: '${bar?foo}' },
      expected: [variable('bar', { required: true })],
    },
    {
      name: 'default-variable',
      dict: { foo: '${bar:-foo}' },
      expected: [variable('bar', { defaultValue: 'foo' })],
    },
    {
      name: 'default-variable2',
      dict: { foo: '${bar-foo}' },
      expected: [variable('bar', { defaultValue: 'foo' })],
    },
    {
      name: 'default-variable-with-number-suffix',
      dict: { foo: '${bar_1:-foo}' },
      expected: [variable('bar_1', { defaultValue: 'foo' })],
    },
    {
      name: 'default-variable2-with-number-suffix',
      dict: { foo: '${bar_1-foo}' },
      expected: [variable('bar_1', { defaultValue: 'foo' })],
    },
    {
      name: 'multiple-values',
      dict: {
        foo: '${bar:-foo}',
        bar: { foo: '${fruit:-banana}', bar: 'vegetable' },
        baz: ['foo', '$docker:${project:-cli}', '$toto'],
      },
      expected: [
        variable('bar', { defaultValue: 'foo' }),
        variable('fruit', { defaultValue: 'banana' }),
        variable('docker'),
        variable('project', { defaultValue: 'cli' }),
        variable('toto'),
      ],
    },
    {
      name: 'presence-value-nonEmpty',
      dict: { foo: '${bar:+foo}' },
      expected: [variable('bar', { presenceValue: 'foo' })],
    },
    {
      name: 'presence-value',
      dict: { foo: '${bar+foo}' },
      expected: [variable('bar', { presenceValue: 'foo' })],
    },
    {
      name: 'concat',
      dict: { domainname: '${SUBDOMAIN:-redis}.${ROOTDOMAIN:?}' },
      expected: [
        variable('ROOTDOMAIN', { required: true }),
        variable('SUBDOMAIN', { defaultValue: 'redis' }),
      ],
    },
    {
      name: 'nested',
      dict: { domainname: '${SUBDOMAIN:-$ROOTDOMAIN}' },
      expected: [variable('SUBDOMAIN', { defaultValue: '$ROOTDOMAIN' }), variable('ROOTDOMAIN')],
    },
    {
      name: 'nested-array-of-maps',
      dict: {
        volumes: [{ source: '${SOURCE_LOCATION}', target: '/location', type: 'volume', volume: {} }],
      },
      expected: [variable('SOURCE_LOCATION')],
    },
    // Beyond compose-go's table.
    { name: 'escaped', dict: { a: '$$NOT ${YES}' }, expected: [variable('YES')] },
    { name: 'keys are not read', dict: { $KEY: 'x', labels: { '${L}': 'v' } }, expected: [] },
    { name: 'non-strings', dict: { a: 1, b: true, c: null }, expected: [] },
    {
      name: 'deep nesting',
      dict: { a: '${A:-${B:-${C:?}}}' },
      expected: [
        variable('A', { defaultValue: '${B:-${C:?}}' }),
        variable('B', { defaultValue: '${C:?}' }),
        variable('C', { required: true }),
      ],
    },
    {
      name: 'the error message is not read',
      dict: { a: '${A:?set $B}' },
      expected: [variable('A', { required: true })],
    },
    {
      name: 'a later reading of the same name wins',
      dict: { a: '${X:-one}', b: '${X}' },
      expected: [variable('X')],
    },
    {
      name: 'within one string the operator expression is read after what follows it',
      dict: { a: '${X:-one} ${X}' },
      expected: [variable('X', { defaultValue: 'one' })],
    },
    { name: 'an invalid template lists an empty name', dict: { a: '${ X}' }, expected: [variable('')] },
    {
      name: 'an unknown operator is an invalid template too',
      dict: { a: '${X:x}' },
      expected: [variable('')],
    },
  ])('$name', ({ dict, expected }) => {
    const actual = extractVariables(dict);
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected.map((v) => [v.name, v])));
  });

  it('lists names in the order they are first seen', () => {
    expect([...extractVariables({ b: '$B', a: ['$A', '${C:-$B}'] }).keys()]).toEqual(['B', 'A', 'C']);
  });
});
