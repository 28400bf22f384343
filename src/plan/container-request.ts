/**
 * The Engine API create request for one service container: a pure translation of the service
 * (docker compose's getCreateConfigs), with compose's labels and name. The storage, ports,
 * networking, resources, healthcheck and restart policy each have their own module; this one
 * assembles them with the plain fields.
 *
 * What it needs from the engine comes in as data: the ids of containers that `service:`
 * references point at, the image id for the `com.docker.compose.image` label, and, when replacing
 * a container, its mounts and the image's declared volumes (anonymous volumes are inherited).
 * Fields it does not translate are listed by untranslated-fields.ts, and the plan warns about
 * them.
 */
import type { Project, ServiceConfig } from '../compose/project.js';
import { serviceConfigHash } from '../compose/service-hash.js';
import type { ContainerCreateRequest, HostConfig } from '../../runtime/api/engine-types.js';
import { containerLabels, type ProjectLabelContext } from './compose-labels.js';
import { containerName, serviceImageName } from './container-name.js';
import { mountSettings } from './container-mounts.js';
import { networkSettings } from './container-networking.js';
import { exposedPorts, portBindings } from './container-ports.js';
import { resourceSettings } from './container-resources.js';
import { healthConfig, nanoseconds } from './health-config.js';
import type { ObservedMount } from './observed-state.js';
import { ReconcileError } from './reconcile-error.js';
import { restartPolicy } from './restart-policy.js';
import {
  describeMissingReference,
  resolveServiceReferences,
  type ContainerIdLookup,
} from './resolve-service-references.js';

export interface ContainerRequestInput {
  readonly project: Project;
  readonly labels: ProjectLabelContext;
  readonly serviceName: string;
  readonly number: number;
  /** The container `service:x` references mean (docker compose: the first of x's by name). */
  readonly containerIdOf: ContainerIdLookup;
  /** The local image id, recorded in `com.docker.compose.image`. */
  readonly imageId?: string;
  /** The mounts of the container this one replaces: its anonymous volumes are kept. */
  readonly inherit?: readonly ObservedMount[];
  /** The image's `VOLUME`s, for inheritance. */
  readonly imageVolumes?: readonly string[];
}

export interface ContainerRequest {
  /** `<project>-<service>-<n>`, or `container_name`. */
  readonly name: string;
  readonly body: ContainerCreateRequest;
}

export function buildContainerRequest(input: ContainerRequestInput): ContainerRequest {
  const original = input.project.services[input.serviceName];
  if (!original) throw new Error(`no such service: ${input.serviceName}`);
  const resolved = resolveServiceReferences(original, input.containerIdOf);
  if (resolved.missing.length > 0) throw new ReconcileError(resolved.missing.map(describeMissingReference));
  const service = resolved.service;
  const name = containerName(input.project.name, input.serviceName, original, input.number);
  const labels = containerLabels(input.labels, {
    serviceName: input.serviceName,
    service: original,
    number: input.number,
    oneoff: false,
    configHash: serviceConfigHash(service),
    ...(input.imageId ? { imageId: input.imageId } : {}),
  });
  const network = networkSettings({
    project: input.project,
    serviceName: input.serviceName,
    service,
    containerName: name,
  });
  const stopGrace = nanoseconds(service.stop_grace_period as string | undefined);
  const health = healthConfig(service.healthcheck);
  const ports = exposedPorts(service);

  const body: ContainerCreateRequest = {
    Image: serviceImageName(input.project.name, input.serviceName, original),
    ...(service.command ? { Cmd: [...service.command] } : {}),
    ...(service.entrypoint ? { Entrypoint: [...service.entrypoint] } : {}),
    Env: environmentList(service),
    ...stringField('WorkingDir', service.working_dir),
    ...stringField('User', service.user),
    ...stringField('Hostname', service.hostname),
    ...stringField('Domainname', service.domainname),
    ...stringField('StopSignal', service.stop_signal),
    ...(stopGrace !== undefined ? { StopTimeout: Math.floor(stopGrace / 1e9) } : {}),
    ...(health ? { Healthcheck: health } : {}),
    ...(Object.keys(ports).length > 0 ? { ExposedPorts: ports } : {}),
    ...(service.tty === true ? { Tty: true } : {}),
    ...(service.stdin_open === true ? { OpenStdin: true } : {}),
    AttachStdout: true,
    AttachStderr: true,
    ...(service.network_mode === 'disabled' ? { NetworkDisabled: true } : {}),
    Labels: labels,
    HostConfig: hostConfig(input.project, service, input, network.NetworkMode),
    ...(network.NetworkingConfig ? { NetworkingConfig: network.NetworkingConfig } : {}),
  };
  return { name, body };
}

function hostConfig(
  project: Project,
  service: ServiceConfig,
  input: ContainerRequestInput,
  networkMode: string,
): HostConfig {
  const storage = mountSettings({
    project,
    service,
    ...(input.inherit ? { inherit: input.inherit } : {}),
    ...(input.imageVolumes ? { imageVolumes: input.imageVolumes } : {}),
  });
  const bindings = portBindings(service);
  const restart = restartPolicy(service);
  const host: HostConfig = {
    NetworkMode: networkMode,
    ...(storage.Binds.length > 0 ? { Binds: storage.Binds } : {}),
    ...(storage.Mounts.length > 0 ? { Mounts: storage.Mounts } : {}),
    ...(Object.keys(storage.Tmpfs).length > 0 ? { Tmpfs: storage.Tmpfs } : {}),
    ...(Object.keys(bindings).length > 0 ? { PortBindings: bindings } : {}),
    ...(restart ? { RestartPolicy: restart } : {}),
    ...listField('CapAdd', service.cap_add),
    ...listField('CapDrop', service.cap_drop),
    ...listField('Dns', service.dns),
    ...listField('DnsSearch', service.dns_search),
    ...listField('DnsOptions', service.dns_opt),
    ...listField('GroupAdd', service.group_add),
    ...listField('SecurityOpt', service.security_opt),
    ...listField('VolumesFrom', service.volumes_from),
    ...extraHosts(service),
    ...(service.init === true ? { Init: true } : {}),
    ...(service.read_only === true ? { ReadonlyRootfs: true } : {}),
    ...(service.privileged === true ? { Privileged: true } : {}),
    ...(typeof service.shm_size === 'number' ? { ShmSize: service.shm_size } : {}),
    ...(typeof service.oom_score_adj === 'number' ? { OomScoreAdj: service.oom_score_adj } : {}),
    ...mapField('Sysctls', service.sysctls),
    ...mapField('StorageOpt', service.storage_opt),
    ...mapField('Annotations', service.annotations),
    ...stringField('IpcMode', service.ipc),
    ...stringField('PidMode', service.pid),
    ...stringField('UTSMode', service.uts),
    ...stringField('UsernsMode', service.userns_mode),
    ...stringField('Runtime', service.runtime),
    ...stringField('Isolation', service.isolation),
    ...stringField('VolumeDriver', service.volume_driver),
    ...(service.cgroup === 'host' || service.cgroup === 'private' ? { CgroupnsMode: service.cgroup } : {}),
    ...logConfig(service),
    ...resourceSettings(service),
  };
  return host;
}

/** `KEY=value`, or `KEY` alone for a variable declared without a value (the engine drops it). */
function environmentList(service: ServiceConfig): string[] {
  return Object.entries(service.environment ?? {}).map(([key, value]) =>
    value === null ? key : `${key}=${value}`,
  );
}

/** `host:ip` per address, sorted, as docker compose's ExtraHosts.AsList(":") after its sort. */
function extraHosts(service: ServiceConfig): Pick<HostConfig, 'ExtraHosts'> {
  const hosts = service.extra_hosts as Record<string, string[]> | undefined;
  if (!hosts) return {};
  const list = Object.entries(hosts).flatMap(([host, addresses]) =>
    addresses.map((address) => `${host}:${address}`),
  );
  return list.length > 0 ? { ExtraHosts: list.sort() } : {};
}

function logConfig(service: ServiceConfig): Pick<HostConfig, 'LogConfig'> {
  const logging = service.logging as { driver?: string; options?: Record<string, string> } | undefined;
  if (!logging) return {};
  return {
    LogConfig: {
      ...(logging.driver ? { Type: logging.driver } : {}),
      ...(logging.options ? { Config: { ...logging.options } } : {}),
    },
  };
}

function stringField<K extends string>(key: K, value: unknown): Partial<Record<K, string>> {
  return typeof value === 'string' && value !== '' ? ({ [key]: value } as Record<K, string>) : {};
}

function listField<K extends string>(key: K, value: unknown): Partial<Record<K, string[]>> {
  return Array.isArray(value) && value.length > 0
    ? ({ [key]: value.map(String) } as Record<K, string[]>)
    : {};
}

function mapField<K extends string>(key: K, value: unknown): Partial<Record<K, Record<string, string>>> {
  if (!value || typeof value !== 'object' || Object.keys(value).length === 0) return {};
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]);
  return { [key]: Object.fromEntries(entries) } as Record<K, Record<string, string>>;
}
