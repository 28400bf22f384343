// The board's reducer as tables: events in, rows out (what each row shows and for how long).
import { describe, expect, it } from 'vitest';
import {
  EMPTY_BOARD,
  elapsedMilliseconds,
  progressCount,
  pullTotals,
  reduceBoard,
  type BoardState,
} from '../../src/ui/board-state.js';
import type { ProgressEvent } from '../../src/ui/progress-event.js';
import { at, db1, network, web1, web2, webImage } from './events.js';

function reduceAll(events: readonly ProgressEvent[]): BoardState {
  return events.reduce(reduceBoard, EMPTY_BOARD);
}

/** What a person reads on each row at `now`. */
function view(state: BoardState, now: number) {
  return state.rows.map((row) => ({
    label: row.label,
    status: row.shown.status,
    text: row.shown.text,
    detail: [row.shown.detail, row.count ? `(${row.count.done}/${row.count.total})` : '']
      .filter(Boolean)
      .join(' '),
    elapsed: elapsedMilliseconds(row, now),
  }));
}

describe('reduceBoard', () => {
  it.each([
    {
      name: 'a network row goes from creating to created; its time stops at created',
      events: [at(0, network, { kind: 'creating' }), at(120, network, { kind: 'created' })],
      now: 5000,
      rows: [{ label: 'Network demo_default', status: 'done', text: 'Created', detail: '', elapsed: 120 }],
    },
    {
      name: 'a service row shows its pull, then its container, with time running while it works',
      events: [
        at(0, webImage, { kind: 'pulling' }),
        at(800, webImage, { kind: 'pulled' }),
        at(900, web1, { kind: 'creating' }),
      ],
      now: 1500,
      rows: [{ label: 'web', status: 'working', text: 'Creating', detail: '', elapsed: 1500 }],
    },
    {
      name: 'waiting for a dependency names it',
      events: [at(0, web1, { kind: 'waiting', dependency: 'db', condition: 'service_healthy' })],
      now: 300,
      rows: [
        { label: 'web', status: 'working', text: 'Waiting', detail: 'for db to be healthy', elapsed: 300 },
      ],
    },
    {
      name: 'healthy after started moves the end to the time it became healthy',
      events: [
        at(0, db1, { kind: 'starting' }),
        at(100, db1, { kind: 'started' }),
        at(1100, db1, { kind: 'healthy' }),
      ],
      now: 9000,
      rows: [{ label: 'db', status: 'done', text: 'Healthy', detail: '', elapsed: 1100 }],
    },
    {
      name: 'an exit code other than 0 is an error; 0 is done',
      events: [at(0, web1, { kind: 'exited', code: 2 }), at(0, db1, { kind: 'exited', code: 0 })],
      now: 10,
      rows: [
        { label: 'web', status: 'error', text: 'Exited', detail: 'with code 2', elapsed: 0 },
        { label: 'db', status: 'done', text: 'Exited', detail: 'with code 0', elapsed: 0 },
      ],
    },
    {
      name: 'a replica that is still starting holds the row; the count says how many are done',
      events: [
        at(0, web1, { kind: 'starting' }),
        at(0, web2, { kind: 'starting' }),
        at(50, web1, { kind: 'started' }),
      ],
      now: 200,
      rows: [{ label: 'web', status: 'working', text: 'Starting', detail: '(1/2)', elapsed: 200 }],
    },
    {
      name: 'an error on one replica shows over the others',
      events: [
        at(0, web1, { kind: 'started' }),
        at(10, web2, { kind: 'error', message: 'port is already allocated' }),
      ],
      now: 20,
      rows: [
        {
          label: 'web',
          status: 'error',
          text: 'Error',
          detail: 'port is already allocated (1/2)',
          elapsed: 10,
        },
      ],
    },
    {
      name: 'rows keep the order they first appeared in',
      events: [
        at(0, network, { kind: 'creating' }),
        at(1, db1, { kind: 'creating' }),
        at(2, network, { kind: 'created' }),
      ],
      now: 3,
      rows: [
        { label: 'Network demo_default', status: 'done', text: 'Created', detail: '', elapsed: 2 },
        { label: 'db', status: 'working', text: 'Creating', detail: '', elapsed: 2 },
      ],
    },
  ])('$name', ({ events, now, rows }) => {
    expect(view(reduceAll(events), now)).toEqual(rows);
  });

  it('adds up layer bytes only once every layer knows its size, and never lets progress go back', () => {
    const state = reduceAll([
      at(0, webImage, { kind: 'pulling' }),
      at(1, webImage, { kind: 'pulling', layer: 'a', current: 100, total: 1000 }),
      at(2, webImage, { kind: 'pulling', layer: 'b', current: 0 }),
    ]);
    const pull = state.rows[0]?.shown.pull;
    expect(pull && pullTotals(pull)).toBeUndefined();
    const later = [
      at(3, webImage, { kind: 'pulling', layer: 'b', current: 500, total: 2000 }),
      at(4, webImage, { kind: 'pulling', layer: 'a', current: 50, total: 1000 }),
    ].reduce(reduceBoard, state);
    const totals = later.rows[0]?.shown.pull;
    expect(totals && pullTotals(totals)).toEqual({ current: 600, total: 3000 });
  });

  it('counts the rows that finished', () => {
    const state = reduceAll([at(0, network, { kind: 'created' }), at(0, db1, { kind: 'starting' })]);
    expect(progressCount(state)).toEqual({ done: 1, total: 2 });
  });
});
