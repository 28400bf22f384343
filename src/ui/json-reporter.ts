/**
 * One JSON object per line per event, for tools (`--progress json`). The keys are docker
 * compose's (`id`, `parent_id`, `status`, `text`, `details`, `current`, `total`, `percent`), empty ones left
 * out as Go's omitempty does, plus `kind` and `service` so a reader need not parse the text.
 */
import { eventDetails, eventStatus, resourceLabel, statusText } from './event-text.js';
import type { ProgressEvent } from './progress-event.js';
import type { Reporter, TextSink } from './reporter.js';

const STATUS_WORDS = { working: 'Working', done: 'Done', warning: 'Warning', error: 'Error' } as const;

export function formatJsonLine(event: ProgressEvent): string {
  const message: Record<string, string | number> = {
    id: resourceLabel(event.resource),
    status: STATUS_WORDS[eventStatus(event)],
    text: statusText(event),
  };
  const details = eventDetails(event);
  if (details) message.details = details;
  if (event.kind === 'pulling') {
    // A layer's progress is its own line under the image, as docker's pull events are.
    if (event.layer) {
      message.parent_id = message.id as string;
      message.id = event.layer;
    }
    if (event.current) message.current = event.current;
    if (event.total) {
      message.total = event.total;
      message.percent = Math.floor(((event.current ?? 0) * 100) / event.total);
    }
  }
  message.kind = event.kind;
  if (event.resource.service) message.service = event.resource.service;
  return `${JSON.stringify(message)}\n`;
}

export function createJsonReporter(sink: TextSink): Reporter {
  return {
    start: () => undefined,
    event: (event) => sink.write(formatJsonLine(event)),
    done: () => undefined,
  };
}
