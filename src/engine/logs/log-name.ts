/**
 * The name a container's lines are prefixed with: `web-1` for compose's own
 * `<project>-<service>-<n>` names (the project is the same on every line, so compose drops it),
 * the full name for a `container_name` (docker compose's getContainerNameWithoutProject).
 */

export interface NamedContainer {
  readonly name: string;
  readonly project: string;
  readonly service: string;
  readonly number: number;
}

export function logName(container: NamedContainer): string {
  const defaultName = `${container.project}-${container.service}-${container.number}`;
  return container.name === defaultName ? container.name.slice(container.project.length + 1) : container.name;
}
