/**
 * A pull's progress: one braille cell per layer filling up as it downloads, then the bytes so
 * far and in all once every layer knows its size (`[⣿⣿⣤⠀] 12.3MB / 45.6MB`), as docker
 * compose's board draws it.
 */
import { Text } from 'ink';
import { formatBytes } from './format-bytes.js';
import { pullTotals, type PullProgress } from './board-state.js';

const CELLS = ['⠀', '⡀', '⣀', '⣄', '⣤', '⣦', '⣶', '⣷', '⣿'];

export function PullBar({ pull }: { pull: PullProgress }) {
  if (pull.layers.length === 0) return null;
  const cells = pull.layers.map((layer) => {
    const percent = layer.total > 0 ? Math.min(100, (layer.current * 100) / layer.total) : 0;
    return CELLS[Math.floor(((CELLS.length - 1) * percent) / 100)] ?? CELLS[0];
  });
  const totals = pullTotals(pull);
  return (
    <Text>
      [<Text color="green">{cells.join('')}</Text>]
      {totals ? ` ${formatBytes(totals.current)} / ${formatBytes(totals.total)}` : ''}
    </Text>
  );
}
