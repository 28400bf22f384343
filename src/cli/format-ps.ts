/**
 * `ps` output, from the engine's container summaries, as docker compose v2 prints it: the table
 * (NAME IMAGE COMMAND SERVICE CREATED STATUS PORTS, sorted by name) or, with `--format json`, one
 * object per container per line with the keys of compose's ContainerContext in Go's sorted order.
 *
 * Pure: "now" and the local time zone are arguments, so tests pin them.
 */
import type { ContainerSummary, Port } from '../../runtime/api/engine-types.js';
import { goJson } from '../compose/go-json.js';
import { PROJECT_LABEL, SERVICE_LABEL } from '../plan/compose-labels.js';
import { DOCKER_TABLE, formatTable } from './format-table.js';
import { humanDuration } from './format-human-duration.js';
import { displayablePorts } from './format-ports.js';

export interface PsFormat {
  readonly now: Date;
  /** Short ids and commands cut at 20 characters, unless `--no-trunc`. */
  readonly trunc: boolean;
  /** How Go's time.String() shows a creation time in the local zone; tests pass their own. */
  readonly showTime?: (date: Date) => string;
}

const HEADER = ['NAME', 'IMAGE', 'COMMAND', 'SERVICE', 'CREATED', 'STATUS', 'PORTS'];

export function formatPsTable(containers: readonly ContainerSummary[], format: PsFormat): string {
  const rows = sortByName(containers).map((container) => [
    containerName(container),
    container.Image,
    command(container, format.trunc),
    container.Labels[SERVICE_LABEL] ?? '',
    runningFor(container, format.now),
    container.Status,
    displayablePorts(container.Ports ?? []),
  ]);
  return formatTable([HEADER, ...rows], DOCKER_TABLE);
}

export function formatPsJson(containers: readonly ContainerSummary[], format: PsFormat): string {
  return (
    sortByName(containers)
      // docker marshals each row with Go's HTML-safe JSON: `->` comes out as `-\u003e`.
      .map((container) => `${goJson(psJsonObject(container, format))}\n`)
      .join('')
  );
}

/** docker's `{{json .}}` of compose's ContainerContext: every field, keys sorted. */
export function psJsonObject(container: ContainerSummary, format: PsFormat): Record<string, unknown> {
  const mounts = container.Mounts ?? [];
  const showTime = format.showTime ?? goTimeString;
  return {
    Command: command(container, format.trunc),
    CreatedAt: showTime(new Date(container.Created * 1000)),
    ExitCode: container.State === 'exited' || container.State === 'dead' ? exitCode(container.Status) : 0,
    Health: container.State === 'running' ? health(container.Status) : '',
    ID: format.trunc ? container.Id.slice(0, 12) : container.Id,
    Image: container.Image,
    Labels: Object.keys(container.Labels ?? {})
      .sort()
      .map((key) => `${key}=${container.Labels[key]}`)
      .join(','),
    LocalVolumes: String(mounts.filter((mount) => mount.Driver === 'local').length),
    Mounts: mounts
      .map((mount) => mount.Name || mount.Source)
      .map((name) => (format.trunc ? ellipsis(name, 15) : name))
      .join(','),
    Name: containerName(container),
    Names: containerName(container),
    Networks: Object.keys(container.NetworkSettings?.Networks ?? {})
      .sort()
      .join(','),
    Ports: displayablePorts(container.Ports ?? []),
    Project: container.Labels[PROJECT_LABEL] ?? '',
    Publishers: publishers(container.Ports ?? []),
    RunningFor: runningFor(container, format.now),
    Service: container.Labels[SERVICE_LABEL] ?? '',
    Size: '0B',
    State: container.State,
    Status: container.Status,
  };
}

/** The name without Docker's slash; of several (legacy links), the one that is not a link. */
export function containerName(container: ContainerSummary): string {
  const names = container.Names ?? [];
  const own = names.find((name) => name.lastIndexOf('/') === 0) ?? names[0] ?? container.Id.slice(0, 12);
  return own.startsWith('/') ? own.slice(1) : own;
}

function sortByName(containers: readonly ContainerSummary[]): ContainerSummary[] {
  return [...containers].sort((a, b) => {
    const x = containerName(a);
    const y = containerName(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** Quoted as Go's strconv.Quote does (JSON's escaping is the same for what commands contain). */
function command(container: ContainerSummary, trunc: boolean): string {
  const text = trunc ? ellipsis(container.Command, 20) : container.Command;
  return JSON.stringify(text);
}

function runningFor(container: ContainerSummary, now: Date): string {
  return `${humanDuration(now.getTime() - container.Created * 1000)} ago`;
}

/** docker/cli's Ellipsis: cut to `max` characters, the last one `…`. */
export function ellipsis(text: string, max: number): string {
  const characters = [...text];
  if (characters.length <= max) return text;
  return `${characters.slice(0, max - 1).join('')}…`;
}

function publishers(ports: readonly Port[]): Array<Record<string, unknown>> {
  return [...ports]
    .sort((a, b) => a.PrivatePort - b.PrivatePort)
    .map((port) => ({
      URL: port.IP ?? '',
      TargetPort: port.PrivatePort,
      PublishedPort: port.PublicPort ?? 0,
      Protocol: port.Type,
    }));
}

function exitCode(status: string): number {
  const match = /^Exited \((-?\d+)\)/.exec(status);
  return match ? Number(match[1]) : 0;
}

function health(status: string): string {
  if (status.includes('(healthy)')) return 'healthy';
  if (status.includes('(unhealthy)')) return 'unhealthy';
  if (status.includes('(health: starting)')) return 'starting';
  return '';
}

/** Go's time.Time.String() in the local zone: `2024-05-01 12:00:00 +0000 UTC`. */
export function goTimeString(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const zoneOffset = `${sign}${two(Math.trunc(Math.abs(offset) / 60))}${two(Math.abs(offset) % 60)}`;
  const zoneName =
    new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' })
      .formatToParts(date)
      .find((part) => part.type === 'timeZoneName')?.value ?? '';
  const day = `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
  const time = `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
  return `${day} ${time} ${zoneOffset} ${zoneName}`;
}
