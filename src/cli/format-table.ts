/**
 * Go's text/tabwriter as docker prints tables with it: every cell but a line's last is padded to
 * its column's width, the widest cell plus `padding`, never less than `minWidth`; the last cell is
 * written as is. Trailing spaces stay when the last cell is empty, as docker's do.
 *
 * docker's own tables (`ps`) use a minimum of 10, compose's (`ls`, `config --variables`) 20; both
 * pad with 3.
 */

export interface TableLayout {
  readonly minWidth: number;
  readonly padding: number;
}

export const DOCKER_TABLE: TableLayout = { minWidth: 10, padding: 3 };
export const COMPOSE_TABLE: TableLayout = { minWidth: 20, padding: 3 };

export function formatTable(rows: readonly (readonly string[])[], layout: TableLayout): string {
  const columns = Math.max(0, ...rows.map((row) => row.length - 1));
  const widths: number[] = [];
  for (let column = 0; column < columns; column++) {
    const cells = rows.filter((row) => column < row.length - 1).map((row) => width(row[column]!));
    widths.push(Math.max(layout.minWidth, ...cells.map((cell) => cell + layout.padding)));
  }
  return rows
    .map((row) =>
      row.map((cell, column) => (column === row.length - 1 ? cell : pad(cell, widths[column]!))).join(''),
    )
    .map((line) => `${line}\n`)
    .join('');
}

/** tabwriter counts runes, not bytes: `…` is one. */
function width(text: string): number {
  return [...text].length;
}

function pad(text: string, to: number): string {
  return text + ' '.repeat(Math.max(0, to - width(text)));
}
