/**
 * The live board: a `[+] up 3/4` header and one row per service, network and volume. It renders
 * what it is given (the reducer's state and the time to draw at) and holds no state of its own.
 */
import { Box, Text } from 'ink';
import { progressCount, type BoardState } from './board-state.js';
import { BoardRowView } from './board-row.js';

export interface BoardProps {
  state: BoardState;
  /** Milliseconds since the epoch: drives the spinners and the timers of working rows. */
  now: number;
}

export function Board({ state, now }: BoardProps) {
  if (state.rows.length === 0) return null;
  const { done, total } = progressCount(state);
  const labelWidth = Math.max(...state.rows.map((row) => row.label.length));
  return (
    <Box flexDirection="column">
      <Text>
        [+] {state.operation ? `${state.operation} ` : ''}
        {done}/{total}
      </Text>
      {state.rows.map((row) => (
        <BoardRowView key={row.key} row={row} now={now} labelWidth={labelWidth} />
      ))}
    </Box>
  );
}
