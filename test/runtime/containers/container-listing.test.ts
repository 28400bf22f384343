import { describe, expect, it } from 'vitest';
import type { ContainerListOptions, ContainerState } from '../../../runtime/api/engine-types.js';
import { containerName, findByReference } from '../../../runtime/containers/container-names.js';
import { createdState, type ContainerRecord } from '../../../runtime/containers/container-record.js';
import { selectContainers } from '../../../runtime/containers/list-filters.js';
import { humanDuration, statusText } from '../../../runtime/containers/status-text.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const ago = (seconds: number): string => new Date(NOW - seconds * 1000).toISOString();

describe('statusText: the docker ps Status column', () => {
  it.each([
    { name: 'created', state: {}, expected: 'Created' },
    { name: 'running', state: { Status: 'running', StartedAt: ago(5) }, expected: 'Up 5 seconds' },
    {
      name: 'running and healthy',
      state: {
        Status: 'running',
        StartedAt: ago(90),
        Health: { Status: 'healthy', FailingStreak: 0, Log: [] },
      },
      expected: 'Up About a minute (healthy)',
    },
    {
      name: 'running, health starting',
      state: {
        Status: 'running',
        StartedAt: ago(0.2),
        Health: { Status: 'starting', FailingStreak: 0, Log: [] },
      },
      expected: 'Up Less than a second (health: starting)',
    },
    {
      name: 'exited',
      state: { Status: 'exited', ExitCode: 3, FinishedAt: ago(7200) },
      expected: 'Exited (3) 2 hours ago',
    },
    {
      name: 'restarting',
      state: { Status: 'restarting', ExitCode: 1, FinishedAt: ago(1) },
      expected: 'Restarting (1) 1 second ago',
    },
  ])('$name', ({ state, expected }) => {
    expect(statusText({ ...createdState(), ...state } as ContainerState, NOW)).toBe(expected);
  });

  it.each([
    { seconds: 45, expected: '45 seconds' },
    { seconds: 300, expected: '5 minutes' },
    { seconds: 3600, expected: 'About an hour' },
    { seconds: 3 * 86400, expected: '3 days' },
    { seconds: 21 * 86400, expected: '3 weeks' },
    { seconds: 90 * 86400, expected: '3 months' },
    { seconds: 800 * 86400, expected: '2 years' },
  ])('humanDuration($seconds s) = $expected', ({ seconds, expected }) => {
    expect(humanDuration(seconds * 1000)).toBe(expected);
  });
});

function record(
  id: string,
  name: string,
  state: Partial<ContainerState>,
  labels: Record<string, string> = {},
  created = 0,
): ContainerRecord {
  return {
    Id: id.padEnd(64, '0'),
    Name: `/${name}`,
    Created: ago(1000 - created),
    Path: 'sh',
    Args: [],
    Config: { Image: 'busybox', Labels: labels },
    HostConfig: {},
    NetworkingConfig: {},
    Image: 'sha256:beef',
    State: { ...createdState(), ...state },
    RestartCount: 0,
    ManuallyStopped: false,
    ConmonPid: 0,
    Mounts: [],
    Storage: { driver: 'overlay', layerDirs: [] },
  };
}

const records = [
  record(
    'aa11',
    'web-1',
    { Status: 'running', Running: true },
    { 'com.docker.compose.project': 'p', 'com.docker.compose.service': 'web' },
    1,
  ),
  record('aa22', 'db-1', { Status: 'exited', ExitCode: 1 }, { 'com.docker.compose.project': 'p' }, 2),
  record(
    'bb33',
    'other',
    { Status: 'running', Running: true, Health: { Status: 'unhealthy', FailingStreak: 3, Log: [] } },
    {},
    3,
  ),
];

describe('selectContainers: docker ps and its filters', () => {
  it.each([
    {
      name: 'running only by default, newest first',
      options: { all: false, filters: {} },
      expected: ['other', 'web-1'],
    },
    { name: 'all', options: { all: true, filters: {} }, expected: ['other', 'db-1', 'web-1'] },
    {
      name: 'label key',
      options: { all: true, filters: { label: ['com.docker.compose.project'] } },
      expected: ['db-1', 'web-1'],
    },
    {
      name: 'label key=value, all must match',
      options: {
        all: true,
        filters: { label: ['com.docker.compose.project=p', 'com.docker.compose.service=web'] },
      },
      expected: ['web-1'],
    },
    {
      name: 'status implies all',
      options: { all: false, filters: { status: ['exited'] } },
      expected: ['db-1'],
    },
    { name: 'exited code', options: { all: true, filters: { exited: ['1'] } }, expected: ['db-1'] },
    { name: 'health', options: { all: true, filters: { health: ['unhealthy'] } }, expected: ['other'] },
    {
      name: 'name substring',
      options: { all: true, filters: { name: ['-1'] } },
      expected: ['db-1', 'web-1'],
    },
    { name: 'id prefix', options: { all: true, filters: { id: ['aa'] } }, expected: ['db-1', 'web-1'] },
    { name: 'limit', options: { all: true, filters: {}, limit: 1 }, expected: ['other'] },
  ])('$name', ({ options, expected }) => {
    expect(
      selectContainers(records, options as ContainerListOptions).map((found) => found.Name.slice(1)),
    ).toEqual(expected);
  });

  it('refuses an unknown filter (400)', () => {
    expect(() => selectContainers(records, { all: true, filters: { colour: ['red'] } })).toThrow(
      expect.objectContaining({ statusCode: 400 }),
    );
  });
});

describe('names and references', () => {
  it.each([
    { requested: 'web-1', expected: '/web-1' },
    { requested: '/web-1', expected: '/web-1' },
    { requested: undefined, expected: '/abcdef012345' },
  ])('containerName($requested) = $expected', ({ requested, expected }) => {
    expect(containerName(requested, 'abcdef0123456789'.repeat(4))).toBe(expected);
  });

  it.each(['-bad', 'a', 'has space', 'x/y'])('refuses the name %j (400)', (name) => {
    expect(() => containerName(name, 'f'.repeat(64))).toThrow(expect.objectContaining({ statusCode: 400 }));
  });

  it.each([
    { reference: 'aa11'.padEnd(64, '0'), expected: 'web-1' },
    { reference: 'db-1', expected: 'db-1' },
    { reference: '/db-1', expected: 'db-1' },
    { reference: 'bb', expected: 'other' },
  ])('findByReference($reference)', ({ reference, expected }) => {
    expect(findByReference(records, reference).Name).toBe(`/${expected}`);
  });

  it('an ambiguous prefix is 400, an unknown one 404', () => {
    expect(() => findByReference(records, 'aa')).toThrow(expect.objectContaining({ statusCode: 400 }));
    expect(() => findByReference(records, 'nope')).toThrow(
      expect.objectContaining({ statusCode: 404, message: 'No such container: nope' }),
    );
  });
});
