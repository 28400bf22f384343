/**
 * One row of the board: mark, name, the pull bar while pulling, the state in its colour with its
 * details, and the elapsed time pushed to the right edge.
 */
import { Box, Text } from 'ink';
import { elapsedMilliseconds, type BoardRow } from './board-state.js';
import { ElapsedTime } from './elapsed-time.js';
import type { EventStatus } from './event-text.js';
import { PullBar } from './pull-bar.js';
import { RowSymbol } from './row-symbol.js';

const STATE_COLOURS: Record<EventStatus, string | undefined> = {
  working: undefined,
  done: 'green',
  warning: 'yellow',
  error: 'red',
};

export interface BoardRowViewProps {
  row: BoardRow;
  now: number;
  /** The width of the widest label, so the states line up in a column. */
  labelWidth: number;
}

export function BoardRowView({ row, now, labelWidth }: BoardRowViewProps) {
  const { shown } = row;
  const detail = [shown.detail, row.count ? `(${row.count.done}/${row.count.total})` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <Box justifyContent="space-between">
      <Box gap={1}>
        <RowSymbol status={shown.status} now={now} />
        <Text>{row.label.padEnd(labelWidth)}</Text>
        {shown.kind === 'pulling' && shown.pull ? <PullBar pull={shown.pull} /> : null}
        <Text color={STATE_COLOURS[shown.status]}>{shown.text}</Text>
        {detail ? <Text>{detail}</Text> : null}
      </Box>
      <ElapsedTime milliseconds={elapsedMilliseconds(row, now)} />
    </Box>
  );
}
