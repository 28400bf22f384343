/**
 * The engine's event bus: the services emit Docker events (`container start`, `image pull` …),
 * `/events` subscribers receive them, and a bounded history answers `since`. Filtering is a
 * predicate the subscriber passes (runtime/api/event-filter.ts turns Docker's filters into one),
 * so the bus knows nothing of HTTP. The clock is a parameter, so tests control time.
 *
 * It does not persist events: like Docker, the history is lost when the engine restarts.
 */
import type { EngineEvent, EngineEventType } from './api/engine-types.js';

/** Nanoseconds since the Unix epoch. */
export type NanoClock = () => bigint;

export const systemNanoClock: NanoClock = () => BigInt(Date.now()) * 1_000_000n;

export type EventPredicate = (event: EngineEvent) => boolean;
export type EventListener = (event: EngineEvent) => void;

export interface EventWindow {
  /** Nanoseconds; inclusive. */
  since?: bigint;
  /** Nanoseconds; inclusive. */
  until?: bigint;
  predicate?: EventPredicate;
}

/** What `emit` needs from the caller; the bus stamps the time. */
export interface EventFields {
  type: EngineEventType;
  action: string;
  id: string;
  attributes?: Record<string, string>;
}

/** Docker keeps the last 1024 events for `since`; so do we. */
const DEFAULT_HISTORY = 1024;

export class EventBus {
  private readonly listeners = new Set<{ listener: EventListener; predicate: EventPredicate }>();
  private readonly recent: { event: EngineEvent; at: bigint }[] = [];
  private readonly historySize: number;
  readonly clock: NanoClock;

  constructor(options: { clock?: NanoClock; historySize?: number } = {}) {
    this.clock = options.clock ?? systemNanoClock;
    this.historySize = options.historySize ?? DEFAULT_HISTORY;
  }

  /** Builds the event Docker would send, stamped now, and emits it. */
  publish(fields: EventFields): EngineEvent {
    const event = makeEvent(fields, this.clock());
    this.emit(event);
    return event;
  }

  emit(event: EngineEvent): void {
    this.recent.push({ event, at: eventNanos(event) });
    if (this.recent.length > this.historySize) this.recent.shift();
    for (const { listener, predicate } of [...this.listeners]) {
      if (predicate(event)) listener(event);
    }
  }

  /** Calls the listener for every later event the predicate accepts; returns the unsubscribe. */
  subscribe(listener: EventListener, predicate: EventPredicate = () => true): () => void {
    const entry = { listener, predicate };
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  /** Remembered events within the window, oldest first. */
  history(window: EventWindow = {}): EngineEvent[] {
    const { since, until, predicate = () => true } = window;
    return this.recent
      .filter(({ at }) => (since === undefined || at >= since) && (until === undefined || at <= until))
      .map(({ event }) => event)
      .filter(predicate);
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }
}

/** Docker's event object, with the pre-1.22 `status`/`id`/`from` fields its CLI still prints. */
export function makeEvent(fields: EventFields, nanos: bigint): EngineEvent {
  const attributes = fields.attributes ?? {};
  const event: EngineEvent = {
    Type: fields.type,
    Action: fields.action,
    Actor: { ID: fields.id, Attributes: attributes },
    scope: 'local',
    time: Number(nanos / 1_000_000_000n),
    timeNano: Number(nanos),
  };
  if (fields.type === 'container' || fields.type === 'image') {
    event.status = fields.action;
    event.id = fields.id;
    const from = fields.type === 'container' ? attributes.image : undefined;
    if (from !== undefined) event.from = from;
  }
  return event;
}

/** The event's time in nanoseconds, from `timeNano` when set, else `time`. */
export function eventNanos(event: EngineEvent): bigint {
  if (event.timeNano) return BigInt(Math.trunc(event.timeNano));
  return BigInt(Math.trunc(event.time)) * 1_000_000_000n;
}
