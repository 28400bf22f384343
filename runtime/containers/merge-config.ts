/**
 * The container's `Config` as inspect shows it: the request's fields over the image's, with
 * Docker's merge rules (moby `daemon/commit.go` `merge`): environment entries from the request
 * first, then the image's whose names the request does not set; labels, exposed ports and volumes
 * unioned (the request wins on a key); the healthcheck inherited field by field; the command by
 * `resolveCommand`. The hostname defaults to the first 12 digits of the id.
 *
 * Pure: the image config comes in as a value.
 */
import type {
  ContainerConfig,
  ContainerCreateRequest,
  HealthConfig,
  ImageConfig,
} from '../api/engine-types.js';
import { resolveCommand, type ResolvedCommand } from './container-command.js';

export interface MergedConfig {
  config: ContainerConfig;
  command: ResolvedCommand;
}

export function mergeContainerConfig(
  request: ContainerCreateRequest,
  image: ImageConfig,
  id: string,
): MergedConfig {
  const command = resolveCommand(request, image);
  const config: ContainerConfig = {
    Hostname: request.Hostname || id.slice(0, 12),
    Domainname: request.Domainname ?? '',
    User: request.User || image.User || '',
    AttachStdin: request.AttachStdin ?? false,
    AttachStdout: request.AttachStdout ?? false,
    AttachStderr: request.AttachStderr ?? false,
    ExposedPorts: unionSets(image.ExposedPorts, request.ExposedPorts),
    Tty: request.Tty ?? false,
    OpenStdin: request.OpenStdin ?? false,
    StdinOnce: request.StdinOnce ?? false,
    Env: mergeEnv(image.Env ?? [], request.Env ?? []),
    Cmd: command.Cmd,
    Image: request.Image ?? '',
    Volumes: unionSets(image.Volumes, request.Volumes),
    WorkingDir: request.WorkingDir || image.WorkingDir || '',
    Entrypoint: command.Entrypoint,
    OnBuild: image.OnBuild ?? null,
    Labels: { ...(image.Labels ?? {}), ...(request.Labels ?? {}) },
  };
  const healthcheck = mergeHealthcheck(request.Healthcheck, image.Healthcheck);
  if (healthcheck) config.Healthcheck = healthcheck;
  const stopSignal = request.StopSignal || image.StopSignal;
  if (stopSignal) config.StopSignal = stopSignal;
  if (request.StopTimeout !== undefined && request.StopTimeout !== null)
    config.StopTimeout = request.StopTimeout;
  if (request.Shell ?? image.Shell) config.Shell = request.Shell ?? image.Shell ?? null;
  return { config, command };
}

/** The request's entries, then the image's whose names the request does not set. */
export function mergeEnv(image: readonly string[], request: readonly string[]): string[] {
  if (request.length === 0) return [...image];
  const requested = new Set(request.map(envName));
  return [...request, ...image.filter((entry) => !requested.has(envName(entry)))];
}

/** Per field: the request's when set (non-empty / non-zero), else the image's. */
export function mergeHealthcheck(
  request: HealthConfig | undefined,
  image: HealthConfig | undefined,
): HealthConfig | undefined {
  if (!request) return image;
  if (!image) return request;
  return {
    Test: request.Test && request.Test.length > 0 ? request.Test : image.Test,
    Interval: request.Interval || image.Interval,
    Timeout: request.Timeout || image.Timeout,
    Retries: request.Retries || image.Retries,
    StartPeriod: request.StartPeriod || image.StartPeriod,
    StartInterval: request.StartInterval || image.StartInterval,
  };
}

export function envName(entry: string): string {
  const index = entry.indexOf('=');
  return index < 0 ? entry : entry.slice(0, index);
}

type EmptySet = Record<string, Record<string, never>>;

function unionSets(
  image: EmptySet | null | undefined,
  request: EmptySet | null | undefined,
): EmptySet | null {
  if (!image && !request) return null;
  return { ...(image ?? {}), ...(request ?? {}) };
}
