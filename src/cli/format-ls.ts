/**
 * `ls` output (docker compose's List and runList): one row per project, sorted by name, with its
 * containers counted by state (`exited(1), running(2)`, states sorted) and the compose files its
 * containers were created from. Pure.
 */
import type { ContainerSummary } from '../../runtime/api/engine-types.js';
import { CONFIG_FILES_LABEL, PROJECT_LABEL } from '../plan/compose-labels.js';
import { COMPOSE_TABLE, formatTable } from './format-table.js';

export interface Stack {
  readonly Name: string;
  readonly Status: string;
  readonly ConfigFiles: string;
}

export function projectStacks(containers: readonly ContainerSummary[]): Stack[] {
  const byProject = new Map<string, ContainerSummary[]>();
  for (const container of containers) {
    const project = container.Labels[PROJECT_LABEL] ?? '';
    byProject.set(project, [...(byProject.get(project) ?? []), container]);
  }
  return [...byProject.keys()].sort(compareBytes).map((name) => {
    const members = byProject.get(name)!;
    return { Name: name, Status: combinedStatus(members), ConfigFiles: combinedConfigFiles(members) };
  });
}

/** `exited(1), running(2)`: each state with its count, states in byte order. */
export function combinedStatus(containers: readonly ContainerSummary[]): string {
  const counts = new Map<string, number>();
  for (const container of containers) counts.set(container.State, (counts.get(container.State) ?? 0) + 1);
  return [...counts.keys()]
    .sort(compareBytes)
    .map((state) => `${state}(${counts.get(state)})`)
    .join(', ');
}

/** Every container's files, each once, in the order first seen; `N/A` when one lacks the label. */
function combinedConfigFiles(containers: readonly ContainerSummary[]): string {
  const files: string[] = [];
  for (const container of containers) {
    const label = container.Labels[CONFIG_FILES_LABEL];
    if (label === undefined) return 'N/A';
    for (const file of label.split(',')) if (!files.includes(file)) files.push(file);
  }
  return files.join(',');
}

export function formatLsTable(stacks: readonly Stack[]): string {
  const rows = stacks.map((stack) => [stack.Name, stack.Status, stack.ConfigFiles]);
  return formatTable([['NAME', 'STATUS', 'CONFIG FILES'], ...rows], COMPOSE_TABLE);
}

/** compose prints the list as one JSON array on one line (Go's encoder, HTML not escaped). */
export function formatLsJson(stacks: readonly Stack[]): string {
  return `${JSON.stringify(stacks.map((stack) => ({ Name: stack.Name, Status: stack.Status, ConfigFiles: stack.ConfigFiles })))}\n`;
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
