/**
 * The board on a terminal: the reducer's state drawn by Ink, redrawn on every event and ten
 * times a second for the spinners and timers. The clock is a parameter; the only state here is
 * the board's, and it changes only through the reducer.
 *
 * Ink is told not to touch the console or Ctrl-C: the command owns signals, and logs must not
 * be swallowed. `done` draws the last frame and unmounts, leaving it on the screen.
 */
import { render, type Instance } from 'ink';
import { Board } from './board.js';
import { EMPTY_BOARD, reduceBoard, startOperation, type BoardState } from './board-state.js';
import type { Reporter } from './reporter.js';

export interface InkReporterOptions {
  /** Where the board draws: stderr in the CLI. */
  readonly stream: NodeJS.WriteStream;
  readonly clock: () => number;
  /** Redraw period for spinners and timers; 100 ms like docker compose. */
  readonly refreshMs?: number;
}

export function createInkReporter(options: InkReporterOptions): Reporter {
  let state: BoardState = EMPTY_BOARD;
  let instance: Instance | undefined;
  let ticker: NodeJS.Timeout | undefined;
  const draw = (): void => {
    const element = <Board state={state} now={options.clock()} />;
    if (instance) instance.rerender(element);
    else {
      instance = render(element, { stdout: options.stream, patchConsole: false, exitOnCtrlC: false });
    }
  };
  return {
    start(operation) {
      state = startOperation(state, operation);
      draw();
      ticker ??= setInterval(draw, options.refreshMs ?? 100);
      // A board must never keep a finished command alive.
      ticker.unref();
    },
    event(event) {
      state = reduceBoard(state, event);
      draw();
    },
    done() {
      if (ticker) clearInterval(ticker);
      ticker = undefined;
      draw();
      instance?.unmount();
      instance = undefined;
    },
  };
}
