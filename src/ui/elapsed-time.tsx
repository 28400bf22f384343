/** The timer at the end of a board row (`1.2s`), dimmed so the states stand out. */
import { Text } from 'ink';
import { formatElapsed } from './format-elapsed.js';

export function ElapsedTime({ milliseconds }: { milliseconds: number }) {
  return <Text dimColor>{formatElapsed(milliseconds)}</Text>;
}
