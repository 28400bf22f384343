/** Docker's `/events` filters (moby daemon/events/filter.go) and the bus's history window. */
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../runtime/api/engine-types.js';
import { eventFilter } from '../../../runtime/api/event-filter.js';
import { EventBus, makeEvent } from '../../../runtime/events.js';

const web = makeEvent(
  {
    type: 'container',
    action: 'start',
    id: 'abc123def456',
    attributes: { name: 'proj-web-1', image: 'busybox:latest', 'com.docker.compose.project': 'proj' },
  },
  1_700_000_000_000_000_000n,
);
const healthy = { ...web, Action: 'health_status: healthy' };
const pulled = makeEvent(
  {
    type: 'image',
    action: 'pull',
    id: '127.0.0.1:5000/busybox:1.36',
    attributes: { name: '127.0.0.1:5000/busybox' },
  },
  1_700_000_001_000_000_000n,
);
const volume = makeEvent(
  { type: 'volume', action: 'create', id: 'data', attributes: { driver: 'local' } },
  0n,
);

describe('eventFilter', () => {
  it.each([
    { name: 'no filters', filters: {}, event: web, expected: true },
    { name: 'type', filters: { type: ['container'] }, event: web, expected: true },
    { name: 'another type', filters: { type: ['image'] }, event: web, expected: false },
    { name: 'either of two types', filters: { type: ['image', 'container'] }, event: web, expected: true },
    { name: 'event', filters: { event: ['start'] }, event: web, expected: true },
    { name: 'another event', filters: { event: ['die'] }, event: web, expected: false },
    {
      name: 'health_status by prefix',
      filters: { event: ['health_status'] },
      event: healthy,
      expected: true,
    },
    { name: 'container by id prefix', filters: { container: ['abc1'] }, event: web, expected: true },
    { name: 'container by name', filters: { container: ['proj-web-1'] }, event: web, expected: true },
    { name: 'container by another name', filters: { container: ['proj-db-1'] }, event: web, expected: false },
    {
      name: 'container filter on a volume event',
      filters: { container: ['abc'] },
      event: volume,
      expected: false,
    },
    { name: 'label key', filters: { label: ['com.docker.compose.project'] }, event: web, expected: true },
    {
      name: 'label key=value',
      filters: { label: ['com.docker.compose.project=proj'] },
      event: web,
      expected: true,
    },
    {
      name: 'label other value',
      filters: { label: ['com.docker.compose.project=x'] },
      event: web,
      expected: false,
    },
    {
      name: 'labels are all required',
      filters: { label: ['com.docker.compose.project=proj', 'missing'] },
      event: web,
      expected: false,
    },
    { name: 'image of a container', filters: { image: ['busybox'] }, event: web, expected: true },
    { name: 'image with tag', filters: { image: ['busybox:latest'] }, event: web, expected: true },
    {
      name: 'image event by name with a registry port',
      filters: { image: ['127.0.0.1:5000/busybox'] },
      event: pulled,
      expected: true,
    },
    { name: 'image mismatch', filters: { image: ['alpine'] }, event: web, expected: false },
    { name: 'volume by name', filters: { volume: ['data'] }, event: volume, expected: true },
    { name: 'scope', filters: { scope: ['local'] }, event: web, expected: true },
    { name: 'swarm scope', filters: { scope: ['swarm'] }, event: web, expected: false },
    { name: 'daemon on a container event', filters: { daemon: ['x'] }, event: web, expected: false },
    {
      name: 'type and event together',
      filters: { type: ['container'], event: ['die'] },
      event: web,
      expected: false,
    },
  ] as { name: string; filters: Record<string, string[]>; event: EngineEvent; expected: boolean }[])(
    '$name → $expected',
    ({ filters, event, expected }) => {
      expect(eventFilter(filters)(event)).toBe(expected);
    },
  );
});

describe('makeEvent', () => {
  it("fills Docker's fields, including the old status/id/from the docker CLI prints", () => {
    expect(web).toEqual({
      Type: 'container',
      Action: 'start',
      Actor: { ID: 'abc123def456', Attributes: expect.objectContaining({ name: 'proj-web-1' }) as unknown },
      scope: 'local',
      time: 1_700_000_000,
      timeNano: 1_700_000_000_000_000_000,
      status: 'start',
      id: 'abc123def456',
      from: 'busybox:latest',
    });
  });
});

describe('EventBus', () => {
  function busAt(times: bigint[]) {
    let index = 0;
    return new EventBus({ clock: () => times[index++] ?? 0n, historySize: 3 });
  }

  it('answers since/until from its history, inclusive, oldest first', () => {
    const bus = busAt([10n, 20n, 30n]);
    for (const action of ['create', 'start', 'die']) bus.publish({ type: 'container', action, id: 'c' });
    const actions = (since?: bigint, until?: bigint) =>
      bus
        .history({ ...(since !== undefined && { since }), ...(until !== undefined && { until }) })
        .map((e) => e.Action);
    expect(actions()).toEqual(['create', 'start', 'die']);
    expect(actions(20n)).toEqual(['start', 'die']);
    expect(actions(undefined, 20n)).toEqual(['create', 'start']);
    expect(actions(31n)).toEqual([]);
  });

  it('keeps only the newest events', () => {
    const bus = busAt([1n, 2n, 3n, 4n]);
    for (const action of ['a', 'b', 'c', 'd']) bus.publish({ type: 'container', action, id: 'c' });
    expect(bus.history().map((e) => e.Action)).toEqual(['b', 'c', 'd']);
  });

  it('delivers to subscribers whose predicate accepts, until they unsubscribe', () => {
    const bus = new EventBus();
    const seen: string[] = [];
    const unsubscribe = bus.subscribe(
      (event) => seen.push(event.Action),
      (event) => event.Type === 'volume',
    );
    bus.publish({ type: 'volume', action: 'create', id: 'v' });
    bus.publish({ type: 'container', action: 'create', id: 'c' });
    unsubscribe();
    bus.publish({ type: 'volume', action: 'destroy', id: 'v' });
    expect(seen).toEqual(['create']);
    expect(bus.subscriberCount).toBe(0);
  });
});
