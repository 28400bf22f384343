/** Elapsed time with one decimal, as the board's timer column shows it (`1.2s`, docker's `%.1fs`). */
export function formatElapsed(milliseconds: number): string {
  return `${(Math.max(0, milliseconds) / 1000).toFixed(1)}s`;
}
