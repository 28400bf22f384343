/**
 * One line per event, for pipes, CI logs and `--progress plain` (docker compose's plain mode):
 *
 *      Container demo-web-1  Started
 *      Container demo-api-1  Waiting for db to be healthy
 *
 * A pull's byte-by-byte progress would flood a log, so a pull prints its first line and its end
 * only. No colours, no cursor movement: what is written stays as written.
 */
import { eventDetails, resourceLabel, statusText } from './event-text.js';
import type { ProgressEvent } from './progress-event.js';
import type { Reporter, TextSink } from './reporter.js';

export function formatPlainLine(event: ProgressEvent): string {
  const details = eventDetails(event);
  return ` ${resourceLabel(event.resource)}  ${statusText(event)}${details ? ` ${details}` : ''}\n`;
}

export function createPlainReporter(sink: TextSink): Reporter {
  const pulling = new Set<string>();
  return {
    start: () => undefined,
    event(event) {
      const key = `${event.resource.type}:${event.resource.name}`;
      if (event.kind === 'pulling') {
        if (pulling.has(key)) return;
        pulling.add(key);
      } else pulling.delete(key);
      sink.write(formatPlainLine(event));
    },
    done: () => undefined,
  };
}
