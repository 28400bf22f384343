// fmt.Sprint as compose-go applies it to YAML scalars that become strings (labels, environment,
// driver options): loader/mapstructure_test.go and loader/tests/environment_test.go values.
import { describe, expect, it } from 'vitest';
import { formatGoScalar } from '../../src/compose/format-go-scalar.js';

describe('formatGoScalar', () => {
  it.each([
    { value: 'text', expected: 'text' },
    { value: 2, expected: '2' },
    { value: 2.5, expected: '2.5' },
    { value: -0.25, expected: '-0.25' },
    { value: 0.0001, expected: '0.0001' },
    { value: 0.00001, expected: '1e-05' },
    { value: 1234567.5, expected: '1.2345675e+06' },
    { value: 123456.5, expected: '123456.5' },
    { value: 1e21, expected: '1e+21' },
    { value: true, expected: 'true' },
    { value: false, expected: 'false' },
    { value: null, expected: '<nil>' },
    { value: [1, 'a'], expected: '[1 a]' },
    { value: { b: 1, a: 'x' }, expected: 'map[a:x b:1]' },
  ])('$value', ({ value, expected }) => {
    expect(formatGoScalar(value)).toBe(expected);
  });
});
