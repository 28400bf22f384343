/**
 * The engine's container events for one project (`GET /events`, filtered by compose's labels), as
 * an async iterable of parsed events: what `logs -f` and attached `up` watch to follow containers
 * that start again. The subscription is open once this resolves, so an event that happens after
 * the call returns is never missed.
 */
import type Docker from 'dockerode';
import type { EngineEvent } from '../../../runtime/api/engine-types.js';
import { ONEOFF_LABEL, PROJECT_LABEL } from '../../plan/compose-labels.js';
import { toEngineError } from '../engine-error.js';
import { LineBuffer } from './line-buffer.js';

export async function watchProjectContainers(
  docker: Docker,
  project: string,
  signal: AbortSignal,
): Promise<AsyncIterable<EngineEvent>> {
  let stream: NodeJS.ReadableStream;
  try {
    stream = (await docker.getEvents({
      filters: JSON.stringify({
        type: ['container'],
        label: [`${PROJECT_LABEL}=${project}`, `${ONEOFF_LABEL}=False`],
      }),
      abortSignal: signal,
    } as Docker.GetEventsOptions)) as NodeJS.ReadableStream;
  } catch (error) {
    throw toEngineError('events', error);
  }
  return parseEvents(stream, signal);
}

async function* parseEvents(stream: NodeJS.ReadableStream, signal: AbortSignal): AsyncIterable<EngineEvent> {
  const lines = new LineBuffer();
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (const line of lines.push(chunk)) {
        if (line.trim() !== '') yield JSON.parse(line) as EngineEvent;
      }
    }
  } catch (error) {
    // Aborting destroys the stream: the watch was ended on purpose.
    if (signal.aborted) return;
    throw toEngineError('events', error);
  }
}
