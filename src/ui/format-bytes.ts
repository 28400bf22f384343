/**
 * Sizes as Docker prints them (go-units HumanSize): decimal units, four significant digits,
 * trailing zeros dropped — `0B`, `999B`, `1.5kB`, `12.35MB`.
 */
const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];

export function formatBytes(bytes: number): string {
  let size = bytes;
  let unit = 0;
  while (size >= 1000 && unit < UNITS.length - 1) {
    size /= 1000;
    unit++;
  }
  return `${formatSignificant(size)}${UNITS[unit] ?? ''}`;
}

/** Go's `%.4g` for the values a size takes (0 ≤ n < 1000). */
function formatSignificant(value: number): string {
  const text = value.toPrecision(4);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
