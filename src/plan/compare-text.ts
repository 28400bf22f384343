/** Byte-wise string order (Go's `<` on strings), so every sorted list in a plan is the same everywhere. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
