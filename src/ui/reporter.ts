/**
 * The one interface between the work and the screen (docker compose's EventProcessor): an
 * operation starts, events arrive, the operation is done. `select-reporter.ts` picks the
 * implementation; the executor only ever holds a Reporter.
 */
import type { ProgressEvent } from './progress-event.js';

export interface Reporter {
  /** An operation (`up`, `down`, `pull` …) begins; its name heads the board. */
  start(operation: string): void;
  event(event: ProgressEvent): void;
  /** The operation ended; the board draws its last frame and lets go of the terminal. */
  done(operation: string, ok: boolean): void;
}

/** Where text reporters write: stderr in the CLI (stdout stays data), a string in tests. */
export interface TextSink {
  write(text: string): unknown;
}
