/**
 * Whether text reads as a number the way Go's `strconv` reads it, which is how compose-go turns a
 * quoted `"1024"` or `"0.5"` into the number its model holds: an optional sign, decimal digits,
 * and for floats an optional fraction and exponent. Hexadecimal and `_` separators, which Go only
 * accepts with a base prefix, are not numbers here.
 */
export function isGoInteger(text: string): boolean {
  return /^[+-]?\d+$/.test(text);
}

export function isGoFloat(text: string): boolean {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text);
}
