/**
 * Renders a YAML scalar as text the way Go's `fmt.Sprint` does, which is how compose-go turns a
 * number or boolean into a string wherever the model holds strings (environment values, labels,
 * driver options, `expose`). The cases that differ from JavaScript's `String()` are floats:
 * Go writes `1e-05` and `1.5e+06` where JavaScript writes `0.00001` and `1500000`.
 *
 * A YAML integer and a float with no fraction are the same JavaScript number, so whole numbers
 * are written as integers: that is what Go prints for the integers users actually write.
 */
export function formatGoScalar(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return formatGoNumber(value);
  if (Array.isArray(value)) return `[${value.map(formatGoScalar).join(' ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `map[${entries.map(([k, v]) => `${k}:${formatGoScalar(v)}`).join(' ')}]`;
  }
  return String(value);
}

function formatGoNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  // %v on a float64 is %g with the shortest exact digits, which switches to an exponent when the
  // decimal exponent is below -4 or at least 6 (the precision %g assumes for shortest output).
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    const digits = String(Math.abs(exponent)).padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  return String(value);
}
