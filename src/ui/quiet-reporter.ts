/**
 * `--progress quiet`: nothing but errors, each on a plain line, so a script's log holds only
 * what went wrong.
 */
import { eventStatus } from './event-text.js';
import { formatPlainLine } from './plain-reporter.js';
import type { Reporter, TextSink } from './reporter.js';

export function createQuietReporter(sink: TextSink): Reporter {
  return {
    start: () => undefined,
    event(event) {
      if (eventStatus(event) === 'error') sink.write(formatPlainLine(event));
    },
    done: () => undefined,
  };
}
