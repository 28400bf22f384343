/**
 * The board's state as a pure reducer over progress events: one row per service (its image pull
 * and its containers together) and one per network or volume, in the order they first appear.
 * A row shows the state of the member that matters most — an error, else the least advanced
 * piece of work, else the latest news — with an elapsed time taken from event timestamps only
 * (the clock that renders "now" is the caller's). Tested with tables, no Ink involved.
 */
import { eventDetails, eventStatus, resourceLabel, statusText, type EventStatus } from './event-text.js';
import type { ProgressEvent, ProgressEventKind } from './progress-event.js';

/** One pull's layers, for the bar: bytes so far and in all, per layer. */
export interface PullProgress {
  readonly layers: ReadonlyArray<{ readonly id: string; readonly current: number; readonly total: number }>;
}

/** The latest event of one member of a row: a container, or the service's image. */
export interface RowMember {
  readonly name: string;
  readonly kind: ProgressEventKind;
  readonly status: EventStatus;
  readonly text: string;
  readonly detail: string;
  /** When this member last changed, to pick the latest news. */
  readonly time: number;
  readonly isContainer: boolean;
  readonly pull?: PullProgress;
}

export interface BoardRow {
  /** `service:web`, `network:demo_default`, `volume:demo_data`, `image:busybox`. */
  readonly key: string;
  /** What the row is called on screen: the service name, or `Network demo_default`. */
  readonly label: string;
  readonly members: readonly RowMember[];
  /** The member the row shows. */
  readonly shown: RowMember;
  /** `(2/3)` when the service has several containers. */
  readonly count?: { readonly done: number; readonly total: number };
  readonly startedAt: number;
  /** When the row last stopped working; unset while it works. */
  readonly endedAt?: number;
}

export interface BoardState {
  readonly operation: string;
  readonly rows: readonly BoardRow[];
}

export const EMPTY_BOARD: BoardState = { operation: '', rows: [] };

export function startOperation(state: BoardState, operation: string): BoardState {
  return { ...state, operation };
}

export function reduceBoard(state: BoardState, event: ProgressEvent): BoardState {
  const key = rowKey(event);
  const index = state.rows.findIndex((row) => row.key === key);
  const previous = index >= 0 ? state.rows[index] : undefined;
  const members = updateMembers(previous?.members ?? [], event);
  const shown = pickShown(members);
  const containers = members.filter((member) => member.isContainer);
  const working = shown.status === 'working';
  const row: BoardRow = {
    key,
    label: event.resource.service ?? resourceLabel(event.resource),
    members,
    shown,
    ...(containers.length > 1
      ? { count: { done: containers.filter((m) => m.status === 'done').length, total: containers.length } }
      : {}),
    startedAt: previous?.startedAt ?? event.time,
    // Each piece of news that ends work moves the end: `Healthy` after `Started` shows the time to healthy.
    ...(working ? {} : { endedAt: event.time }),
  };
  const rows = index >= 0 ? state.rows.map((r, i) => (i === index ? row : r)) : [...state.rows, row];
  return { ...state, rows };
}

/** Rows that are not working any more, and all rows: the board's `3/4`. */
export function progressCount(state: BoardState): { readonly done: number; readonly total: number } {
  return {
    done: state.rows.filter((row) => row.shown.status !== 'working').length,
    total: state.rows.length,
  };
}

export function elapsedMilliseconds(row: BoardRow, now: number): number {
  return (row.endedAt ?? now) - row.startedAt;
}

/** Bytes downloaded and to download over all layers, once every layer knows its size. */
export function pullTotals(
  pull: PullProgress,
): { readonly current: number; readonly total: number } | undefined {
  if (pull.layers.length === 0 || pull.layers.some((layer) => layer.total === 0)) return undefined;
  return {
    current: pull.layers.reduce((sum, layer) => sum + layer.current, 0),
    total: pull.layers.reduce((sum, layer) => sum + layer.total, 0),
  };
}

function rowKey(event: ProgressEvent): string {
  const { resource } = event;
  return resource.service !== undefined ? `service:${resource.service}` : `${resource.type}:${resource.name}`;
}

function updateMembers(members: readonly RowMember[], event: ProgressEvent): RowMember[] {
  const name = `${event.resource.type}:${event.resource.name}`;
  const previous = members.find((member) => member.name === name);
  const member: RowMember = {
    name,
    kind: event.kind,
    status: eventStatus(event),
    text: statusText(event),
    detail: eventDetails(event),
    time: event.time,
    isContainer: event.resource.type === 'container',
    ...pullOf(previous, event),
  };
  return previous ? members.map((m) => (m === previous ? member : m)) : [...members, member];
}

/** Layer progress only grows, as on docker's board; a finished pull keeps its last figures. */
function pullOf(previous: RowMember | undefined, event: ProgressEvent): { pull?: PullProgress } {
  const layers = [...(previous?.pull?.layers ?? [])];
  if (event.kind === 'pulling' && event.layer !== undefined) {
    const at = layers.findIndex((layer) => layer.id === event.layer);
    const old = at >= 0 ? layers[at] : undefined;
    const next = {
      id: event.layer,
      current: Math.max(old?.current ?? 0, event.current ?? 0),
      total: Math.max(old?.total ?? 0, event.total ?? 0),
    };
    if (at >= 0) layers[at] = next;
    else layers.push(next);
  }
  return event.kind === 'pulling' || previous?.pull ? { pull: { layers } } : {};
}

/** How far along a piece of work is: the least advanced working member is what a row waits on. */
const WORK_ORDER: Partial<Record<ProgressEventKind, number>> = {
  pulling: 0,
  creating: 1,
  recreating: 1,
  waiting: 2,
  starting: 3,
  restarting: 3,
  stopping: 4,
  killing: 4,
  removing: 5,
};

function pickShown(members: readonly RowMember[]): RowMember {
  const error = members.find((member) => member.status === 'error');
  if (error) return error;
  const working = members.filter((member) => member.status === 'working');
  const pool = working.length > 0 ? working : [...members];
  return pool.reduce((best, member) => {
    if (working.length > 0) {
      const rank = WORK_ORDER[member.kind] ?? 0;
      const bestRank = WORK_ORDER[best.kind] ?? 0;
      return rank < bestRank ? member : best;
    }
    return member.time >= best.time ? member : best;
  });
}
