// `ps` output as docker compose v2 prints it: the table, JSON lines, ports and ages.
import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../runtime/api/engine-types.js';
import { humanDuration } from '../../src/cli/format-human-duration.js';
import { displayablePorts } from '../../src/cli/format-ports.js';
import { ellipsis, formatPsJson, formatPsTable } from '../../src/cli/format-ps.js';
import { COMPOSE_TABLE, DOCKER_TABLE, formatTable } from '../../src/cli/format-table.js';

const NOW = new Date(Date.UTC(2024, 4, 1, 12, 0, 0));
const FORMAT = { now: NOW, trunc: true, showTime: () => '2024-05-01 11:58:00 +0000 UTC' };

function summary(name: string, service: string, extra: Partial<ContainerSummary> = {}): ContainerSummary {
  return {
    Id: `${name.replace(/[^a-f0-9]/g, 'a')}0123456789abcdef0123456789abcdef`,
    Names: [`/${name}`],
    Image: 'busybox:latest',
    ImageID: 'sha256:1',
    Command: 'sh -c "sleep infinity && echo done"',
    Created: NOW.getTime() / 1000 - 120,
    Ports: [],
    Labels: { 'com.docker.compose.project': 'demo', 'com.docker.compose.service': service },
    State: 'running',
    Status: 'Up 2 minutes',
    HostConfig: { NetworkMode: 'demo_default' },
    NetworkSettings: { Networks: { demo_default: {} } },
    Mounts: [],
    ...extra,
  };
}

describe('formatPsTable', () => {
  it('prints docker compose v2 columns, sorted by name, padded as tabwriter(10, 1, 3)', () => {
    const web = summary('demo-web-1', 'web', {
      Ports: [{ IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }],
    });
    const db = summary('demo-db-1', 'db', { State: 'exited', Status: 'Exited (0) 5 seconds ago' });
    expect(formatPsTable([web, db], FORMAT)).toBe(
      [
        'NAME         IMAGE            COMMAND                   SERVICE   CREATED         STATUS                     PORTS',
        'demo-db-1    busybox:latest   "sh -c \\"sleep infini…"   db        2 minutes ago   Exited (0) 5 seconds ago   ',
        'demo-web-1   busybox:latest   "sh -c \\"sleep infini…"   web       2 minutes ago   Up 2 minutes               0.0.0.0:8080->80/tcp',
        '',
      ].join('\n'),
    );
  });

  it('prints the header alone when nothing runs', () => {
    expect(formatPsTable([], FORMAT)).toBe(
      'NAME      IMAGE     COMMAND   SERVICE   CREATED   STATUS    PORTS\n',
    );
  });
});

describe('formatPsJson', () => {
  it('prints one object per container, keys in Go order, HTML-safe as Go escapes it', () => {
    const web = summary('demo-web-1', 'web', {
      Ports: [{ IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }],
      Status: 'Up 2 minutes (healthy)',
    });
    const line = formatPsJson([web], FORMAT);
    expect(line.endsWith('}\n')).toBe(true);
    expect(line).toContain('"Ports":"0.0.0.0:8080-\\u003e80/tcp"');
    const object = JSON.parse(line) as Record<string, unknown>;
    expect(Object.keys(object)).toEqual([
      'Command',
      'CreatedAt',
      'ExitCode',
      'Health',
      'ID',
      'Image',
      'Labels',
      'LocalVolumes',
      'Mounts',
      'Name',
      'Names',
      'Networks',
      'Ports',
      'Project',
      'Publishers',
      'RunningFor',
      'Service',
      'Size',
      'State',
      'Status',
    ]);
    expect(object).toMatchObject({
      Health: 'healthy',
      ExitCode: 0,
      ID: web.Id.slice(0, 12),
      Name: 'demo-web-1',
      Project: 'demo',
      Service: 'web',
      Networks: 'demo_default',
      Publishers: [{ URL: '0.0.0.0', TargetPort: 80, PublishedPort: 8080, Protocol: 'tcp' }],
      RunningFor: '2 minutes ago',
      CreatedAt: '2024-05-01 11:58:00 +0000 UTC',
    });
  });

  it('reads the exit code of an exited container from its status', () => {
    const db = summary('demo-db-1', 'db', { State: 'exited', Status: 'Exited (137) 1 second ago' });
    expect(JSON.parse(formatPsJson([db], { ...FORMAT, trunc: false }))).toMatchObject({
      ExitCode: 137,
      ID: db.Id,
      Command: JSON.stringify(db.Command),
    });
  });
});

describe('displayablePorts', () => {
  it.each([
    { name: 'none', ports: [], expected: '' },
    {
      name: 'published and exposed',
      ports: [
        { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 80, Type: 'tcp' as const },
        { PrivatePort: 443, Type: 'tcp' as const },
      ],
      expected: '0.0.0.0:80->80/tcp, 443/tcp',
    },
    {
      name: 'a range of same ports',
      ports: [8000, 8001, 8002].map((port) => ({
        IP: '0.0.0.0',
        PrivatePort: port,
        PublicPort: port,
        Type: 'tcp' as const,
      })),
      expected: '0.0.0.0:8000-8002->8000-8002/tcp',
    },
    {
      name: 'another host port, IPv6 in brackets, mappings last',
      ports: [
        { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' as const },
        { PrivatePort: 53, Type: 'udp' as const },
      ],
      expected: '53/udp, [::]:8080->80/tcp',
    },
  ])('$name', ({ ports, expected }) => {
    expect(displayablePorts(ports)).toBe(expected);
  });
});

describe('humanDuration', () => {
  it.each([
    [500, 'Less than a second'],
    [1000, '1 second'],
    [59_000, '59 seconds'],
    [60_000, 'About a minute'],
    [5 * 60_000, '5 minutes'],
    [60 * 60_000, 'About an hour'],
    [3 * 3_600_000, '3 hours'],
    [3 * 86_400_000, '3 days'],
    [21 * 86_400_000, '3 weeks'],
    [90 * 86_400_000, '3 months'],
    [800 * 86_400_000, '2 years'],
  ])('%d ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('formatTable and ellipsis', () => {
  it('pads all cells but the last of each line, never below the minimum width', () => {
    expect(
      formatTable(
        [
          ['A', 'B', 'C'],
          ['long-name-here', '', 'x'],
        ],
        DOCKER_TABLE,
      ),
    ).toBe('A                B         C\nlong-name-here             x\n');
    expect(formatTable([['NAME', 'STATUS']], COMPOSE_TABLE)).toBe('NAME                STATUS\n');
  });

  it('cuts to the width, the last character an ellipsis', () => {
    expect(ellipsis('abcdef', 4)).toBe('abc…');
    expect(ellipsis('abcd', 4)).toBe('abcd');
  });
});
