/**
 * Names docker compose gives to what it creates for a service: containers are
 * `<project>-<service>-<number>` unless `container_name` says otherwise, and a service that only
 * builds gets the image `<project>-<service>`.
 */
import type { ServiceConfig } from '../compose/project.js';

export function containerName(
  projectName: string,
  serviceName: string,
  service: ServiceConfig,
  number: number,
): string {
  return service.container_name ?? `${projectName}-${serviceName}-${number}`;
}

/** The image a service runs: its `image`, else the name docker compose gives the image it builds. */
export function serviceImageName(projectName: string, serviceName: string, service: ServiceConfig): string {
  return service.image ?? `${projectName}-${serviceName}`;
}

/**
 * How many containers the service wants: `--scale` first, then `scale`, then `deploy.replicas`,
 * then one (compose-go's GetScale, with the command-line override docker compose applies first).
 */
export function desiredScale(service: ServiceConfig, override?: number): number {
  if (override !== undefined) return override;
  if (typeof service.scale === 'number') return service.scale;
  const replicas = (service.deploy as { replicas?: unknown } | undefined)?.replicas;
  return typeof replicas === 'number' ? replicas : 1;
}
