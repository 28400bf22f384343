/**
 * Project-level normalisation, as compose-go's `loader.Normalize` does it once the files are
 * merged, validated and their paths resolved: it adds what the compose model implies but the
 * user need not write.
 *
 * - Every service without `network_mode` (or `provider`) joins `default` when it names no
 *   network; the top-level `default` network exists only if some service uses it.
 * - Networks, volumes, secrets and configs get their engine name: `<project>_<key>`, or the key
 *   itself when the resource is external, unless `name` is set.
 * - `links`, `volumes_from` and `service:x` namespaces (`network_mode`, `ipc`, `pid`, `uts`,
 *   `cgroup`) imply a `depends_on` entry; an explicit one is never overridden.
 * - `build` gets its default context and Dockerfile; `build.args` and `environment` entries
 *   without a value take it from the environment (an arg with no value anywhere is dropped, an
 *   environment variable stays null); `pull_policy: if_not_present` becomes `missing`; volume
 *   targets are cleaned; a `pre_start` hook without an image runs the service's image.
 *
 * It works on the canonical tree (environment and args as mappings, long-form volumes) and
 * returns a new tree; the input is not changed. Short syntax is the canonical stage's job, and
 * file paths are `resolve-paths.ts`'s.
 */
import { cleanPosixPath } from './clean-posix-path.js';

export interface NormalizeOptions {
  readonly projectName: string;
  /** Looked up for `environment` and `build.args` entries given without a value. */
  readonly environment?: Readonly<Record<string, string | undefined>>;
}

type Tree = Record<string, unknown>;
type Lookup = (name: string) => string | undefined;

const SERVICE_PREFIX = 'service:';
const CONTAINER_PREFIX = 'container:';
/** Attributes that can share another service's namespace with `service:<name>`. */
const NAMESPACE_ATTRIBUTES = ['network_mode', 'ipc', 'pid', 'uts', 'cgroup'] as const;
const NAMED_RESOURCES = ['networks', 'volumes', 'configs', 'secrets'] as const;

export function normalizeProject(tree: Tree, options: NormalizeOptions): Tree {
  const lookup: Lookup = (name) => options.environment?.[name];
  // The project name leads the model, as `config` prints it.
  const { name: _written, ...rest } = structuredClone(tree);
  const project: Tree = { name: options.projectName, ...rest };
  addDefaultNetwork(project);
  const services = project['services'];
  if (isMapping(services)) {
    for (const service of Object.values(services)) {
      if (isMapping(service)) normalizeService(service, lookup);
    }
  }
  nameResources(project, options.projectName);
  return project;
}

function normalizeService(service: Tree, lookup: Lookup): void {
  if (service['pull_policy'] === 'if_not_present') service['pull_policy'] = 'missing';
  const build = service['build'];
  if (isMapping(build)) normalizeBuild(build, lookup);
  const environment = service['environment'];
  if (isMapping(environment)) service['environment'] = resolveMissingValues(environment, lookup, 'keep');
  addImpliedDependencies(service);
  const volumes = service['volumes'];
  if (Array.isArray(volumes)) {
    for (const volume of volumes) {
      if (isMapping(volume) && typeof volume['target'] === 'string')
        volume['target'] = cleanPosixPath(volume['target']);
    }
  }
  inheritPreStartImage(service);
}

function normalizeBuild(build: Tree, lookup: Lookup): void {
  build['context'] ??= '.';
  if (build['dockerfile'] == null && build['dockerfile_inline'] == null) build['dockerfile'] = 'Dockerfile';
  const args = build['args'];
  if (isMapping(args)) build['args'] = resolveMissingValues(args, lookup, 'drop');
}

/**
 * `FOO:` with no value takes FOO from the environment. When it is not set there, a build arg is
 * dropped (the Dockerfile's default applies) but an environment variable stays, unset (null).
 */
function resolveMissingValues(mapping: Tree, lookup: Lookup, whenUnset: 'keep' | 'drop'): Tree {
  const resolved: Tree = {};
  for (const [key, value] of Object.entries(mapping)) {
    if (value !== null && value !== undefined) {
      resolved[key] = value;
      continue;
    }
    const found = lookup(key);
    if (found !== undefined) resolved[key] = found;
    else if (whenUnset === 'keep') resolved[key] = null;
  }
  return resolved;
}

function addImpliedDependencies(service: Tree): void {
  const written = service['depends_on'];
  const dependsOn: Tree = isMapping(written) ? written : {};
  const implied = (name: string, restart: boolean): void => {
    if (!(name in dependsOn)) dependsOn[name] = { condition: 'service_started', restart, required: true };
  };

  for (const link of stringsIn(service['links'])) {
    // `db:alias` links to db; compose-go keeps anything with more colons whole.
    const parts = link.split(':');
    implied(parts.length === 2 ? (parts[0] ?? link) : link, true);
  }
  for (const attribute of NAMESPACE_ATTRIBUTES) {
    const reference = service[attribute];
    if (typeof reference === 'string' && reference.startsWith(SERVICE_PREFIX)) {
      implied(reference.slice(SERVICE_PREFIX.length), true);
    }
  }
  for (const source of stringsIn(service['volumes_from'])) {
    // Volumes are copied at creation: a restart of the source need not restart this service.
    if (!source.startsWith(CONTAINER_PREFIX)) implied(source.split(':')[0] ?? source, false);
  }
  if (Object.keys(dependsOn).length > 0) service['depends_on'] = dependsOn;
}

/** compose-spec#647: a `pre_start` hook without its own image runs in the service's image. */
function inheritPreStartImage(service: Tree): void {
  const hooks = service['pre_start'];
  const image = service['image'];
  if (!Array.isArray(hooks) || typeof image !== 'string' || image === '') return;
  for (const hook of hooks) {
    if (isMapping(hook) && !('image' in hook)) hook['image'] = image;
  }
}

/**
 * A service that names no network is on `default`; `default` is declared only when some service
 * is on it, so a project whose services all use `network_mode` gets no network at all.
 */
function addDefaultNetwork(project: Tree): void {
  const written = project['networks'];
  const networks: Tree = isMapping(written) ? written : {};
  let usesDefault = false;
  const services = project['services'];
  if (isMapping(services)) {
    for (const service of Object.values(services)) {
      if (!isMapping(service) || 'provider' in service || 'network_mode' in service) continue;
      const joined = service['networks'];
      if (!isMapping(joined) || Object.keys(joined).length === 0) {
        service['networks'] = { default: null };
        usesDefault = true;
      } else if ('default' in joined) {
        usesDefault = true;
      }
    }
  }
  if (usesDefault && !('default' in networks)) networks['default'] = null;
  if (Object.keys(networks).length > 0) project['networks'] = networks;
}

/** Resources are created in the engine under `<project>_<key>`; an external one under its key. */
function nameResources(project: Tree, projectName: string): void {
  for (const kind of NAMED_RESOURCES) {
    const resources = project[kind];
    if (!isMapping(resources)) continue;
    for (const [key, written] of Object.entries(resources)) {
      const resource: Tree = isMapping(written) ? written : {};
      if (resource['name'] == null) {
        resource['name'] = isTrue(resource['external']) ? key : `${projectName}_${key}`;
      }
      resources[key] = resource;
    }
  }
}

/** Go's `strconv.ParseBool` on the printed value, as compose-go reads `external`. */
function isTrue(value: unknown): boolean {
  return value === true || ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(String(value));
}

function stringsIn(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function isMapping(value: unknown): value is Tree {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
