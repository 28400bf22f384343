/**
 * The mark at the start of a board row: a spinner while the row works, ✔ when done, ! for a
 * warning, ✘ for an error (docker compose's marks). The spinner frame comes from `now`, so a
 * frame rendered at a given time is always the same frame.
 */
import { Text } from 'ink';
import type { EventStatus } from './event-text.js';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const FRAME_MS = 100;

export function RowSymbol({ status, now }: { status: EventStatus; now: number }) {
  switch (status) {
    case 'done':
      return <Text color="green">✔</Text>;
    case 'warning':
      return <Text color="yellow">!</Text>;
    case 'error':
      return <Text color="red">✘</Text>;
    case 'working':
      return <Text color="cyan">{SPINNER[Math.floor(now / FRAME_MS) % SPINNER.length]}</Text>;
    default:
      return assertNever(status);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected status: ${String(value)}`);
}
