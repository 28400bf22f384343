/**
 * `GET /events`: the events remembered since `since`, then live ones, as newline-delimited
 * JSON, until `until` passes or the client leaves. The subscription starts in the same tick as
 * the history is read, so no event falls between the two.
 */
import { badParameter } from '../api-error.js';
import type { Route } from '../api-call.js';
import type { EngineEvent } from '../engine-types.js';
import { eventFilter } from '../event-filter.js';
import { readFilters, readTimestamp } from '../query.js';
import type { EventBus } from '../../events.js';

export function eventRoutes(bus: EventBus): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/events',
      handler: async ({ query, reply }) => {
        const since = readTimestamp(query, 'since');
        const until = readTimestamp(query, 'until');
        if (since !== undefined && until !== undefined && since > until) {
          throw badParameter('`since` time cannot be after `until` time');
        }
        const predicate = eventFilter(readFilters(query));
        const now = bus.clock();
        const backlog = since === undefined ? [] : bus.history({ since, until, predicate });
        const onlyPast = until !== undefined && until <= now;
        const live = onlyPast ? undefined : new EventQueue();
        const unsubscribe = live ? bus.subscribe((event) => live.push(event), predicate) : () => false;
        const sink = reply.stream('application/json');
        let timer: NodeJS.Timeout | undefined;
        try {
          for (const event of backlog) await sink.write(`${JSON.stringify(event)}\n`);
          if (!live) return;
          const stop = () => live.close();
          sink.closed.addEventListener('abort', stop);
          if (until !== undefined) timer = setTimeout(stop, Number((until - now) / 1_000_000n));
          for await (const event of live) await sink.write(`${JSON.stringify(event)}\n`);
        } finally {
          clearTimeout(timer);
          unsubscribe();
          sink.end();
        }
      },
    },
  ];
}

/** Events waiting to be written; iteration ends once closed and drained. */
class EventQueue implements AsyncIterable<EngineEvent> {
  private readonly items: EngineEvent[] = [];
  private wake: (() => void) | undefined;
  private closed = false;

  push(event: EngineEvent): void {
    this.items.push(event);
    this.wake?.();
  }

  close(): void {
    this.closed = true;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<EngineEvent> {
    for (;;) {
      const next = this.items.shift();
      if (next) {
        yield next;
        continue;
      }
      if (this.closed) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }
}
