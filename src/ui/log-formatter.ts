/**
 * How container output is printed when several containers share one terminal (docker compose's
 * logConsumer in cmd/formatter/logs.go): every line gets a prefix, the container's name padded to
 * the longest name so far plus one, then ` | `, in the container's colour:
 *
 *     web-1  | listening on :80
 *     db-1   | ready to accept connections
 *
 * Pure: it turns names and lines into text; who reads the streams and writes the text is the
 * caller's business (src/engine/follow-logs.ts). Names are registered in the order the caller
 * chooses, so colours do not depend on which container spoke first.
 */
import { createColourCycle, monochrome, type ColourFunction } from './log-colours.js';

export interface LogFormatOptions {
  /** `--no-log-prefix` turns this off: lines are printed as the container wrote them. */
  readonly prefix: boolean;
  /** Colour the prefixes (`--no-color` and a non-terminal stdout turn it off). */
  readonly colour: boolean;
}

export interface LogFormatter {
  /** Gives a container its colour and widens the prefix column when its name is the longest. */
  register(name: string): void;
  /** One container's lines, each prefixed and ended with a newline, as one piece of text. */
  formatLines(name: string, lines: readonly string[]): string;
  /** A line about the container rather than from it: `web-1 exited with code 0`. */
  formatStatus(name: string, message: string): string;
}

/** Moves to the start of the line and clears it, as compose does before a status line. */
const RESET_LINE = '\r\x1b[K';

export function createLogFormatter(options: LogFormatOptions): LogFormatter {
  const nextColour = createColourCycle();
  const colours = new Map<string, ColourFunction>();
  const prefixes = new Map<string, string>();

  const register = (name: string): void => {
    if (colours.has(name)) return;
    colours.set(name, options.colour && name !== '' ? nextColour() : monochrome);
    if (!options.prefix) return;
    // compose pads to the longest name plus one, then adds ` | `: `web-1  | `.
    const width = Math.max(...[...colours.keys()].map((known) => known.length)) + 1;
    for (const [known, colour] of colours) prefixes.set(known, colour(`${known.padEnd(width)} | `));
  };

  return {
    register,
    formatLines(name, lines) {
      register(name);
      const prefix = prefixes.get(name) ?? '';
      return lines.map((line) => `${prefix}${line}\n`).join('');
    },
    formatStatus(name, message) {
      register(name);
      const colour = colours.get(name) ?? monochrome;
      return options.colour ? `${colour(`${RESET_LINE}${name} ${message}`)}\n` : `${name} ${message}\n`;
    },
  };
}
