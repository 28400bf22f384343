/**
 * The canonical compose model: what the loader returns once every short syntax is in its long
 * form. Field names are the compose file's own (snake_case), so the model prints back as a
 * compose file and `config --format json` is this object. Only the fields that later stages
 * read are typed; everything else the specification allows passes through the index signatures
 * untouched, so nothing the user wrote is dropped.
 */
export type Mapping = Record<string, string>;
/** `environment` and `build.args`: a variable with no value (`- FOO`) is null. */
export type MappingWithNulls = Record<string, string | null>;

export interface Project {
  name: string;
  services: Record<string, ServiceConfig>;
  networks?: Record<string, NetworkConfig>;
  volumes?: Record<string, VolumeConfig>;
  secrets?: Record<string, FileObjectConfig>;
  configs?: Record<string, FileObjectConfig>;
  models?: Record<string, unknown>;
  [extension: `x-${string}`]: unknown;
}

export interface ServiceConfig {
  profiles?: string[];
  build?: BuildConfig;
  command?: string[] | null;
  entrypoint?: string[] | null;
  container_name?: string;
  depends_on?: Record<string, ServiceDependency>;
  environment?: MappingWithNulls;
  env_file?: EnvFileConfig[];
  expose?: string[];
  extends?: { service: string; file?: string };
  healthcheck?: HealthCheckConfig;
  image?: string;
  labels?: Mapping;
  links?: string[];
  network_mode?: string;
  networks?: Record<string, ServiceNetworkConfig | null>;
  ports?: ServicePortConfig[];
  restart?: string;
  scale?: number;
  secrets?: FileReferenceConfig[];
  configs?: FileReferenceConfig[];
  volumes?: ServiceVolumeConfig[];
  volumes_from?: string[];
  working_dir?: string;
  user?: string;
  [field: string]: unknown;
}

export interface BuildConfig {
  context: string;
  dockerfile?: string;
  args?: MappingWithNulls;
  [field: string]: unknown;
}

export interface ServiceDependency {
  condition: 'service_started' | 'service_healthy' | 'service_completed_successfully';
  restart?: boolean;
  required: boolean;
}

export interface EnvFileConfig {
  path: string;
  required: boolean;
  format?: string;
}

export interface HealthCheckConfig {
  test?: string[];
  interval?: string;
  timeout?: string;
  retries?: number;
  start_period?: string;
  start_interval?: string;
  disable?: boolean;
}

export interface ServiceNetworkConfig {
  aliases?: string[];
  ipv4_address?: string;
  ipv6_address?: string;
  priority?: number;
  [field: string]: unknown;
}

export interface ServicePortConfig {
  name?: string;
  mode: string;
  host_ip?: string;
  target: number;
  /** A string, as in compose-go: it may be a range (`8000-8010`). */
  published?: string;
  protocol: string;
  app_protocol?: string;
}

export interface ServiceVolumeConfig {
  type: 'volume' | 'bind' | 'tmpfs' | 'npipe' | 'cluster' | 'image';
  source?: string;
  target: string;
  read_only?: boolean;
  consistency?: string;
  bind?: { propagation?: string; create_host_path?: boolean; selinux?: string; recursive?: string };
  volume?: { nocopy?: boolean; subpath?: string; labels?: Mapping };
  tmpfs?: { size?: number; mode?: number };
  image?: { subpath?: string };
}

export interface FileReferenceConfig {
  source: string;
  target?: string;
  uid?: string;
  gid?: string;
  mode?: number;
}

export interface NetworkConfig {
  name?: string;
  driver?: string;
  external?: boolean;
  internal?: boolean;
  labels?: Mapping;
  [field: string]: unknown;
}

export interface VolumeConfig {
  name?: string;
  driver?: string;
  external?: boolean;
  labels?: Mapping;
  [field: string]: unknown;
}

export interface FileObjectConfig {
  name?: string;
  file?: string;
  environment?: string;
  content?: string;
  external?: boolean;
  [field: string]: unknown;
}
