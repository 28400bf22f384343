/**
 * Which services of a canonical project are active: profiles, then the services named on the
 * command line, then the resources those services use. It follows docker compose's order
 * (compose-go `WithProfiles` → `checkConsistency` → `WithServicesEnabled` →
 * `WithSelectedServices` → `WithoutUnnecessaryResources`), because each step sees the result
 * of the previous one and the errors users get depend on it:
 *
 * - A service with `profiles` is enabled only when one of them is active (`*` activates all).
 * - `depends_on` must point at an enabled service, or at a disabled one with `required: false`;
 *   a profile never switches on a dependency by itself (compose-spec 15-profiles.md). The
 *   enabled services must not depend on each other in a cycle.
 * - Naming a service activates its profiles (so `up debug` works without `--profile`), then the
 *   project shrinks to the named services and their dependencies.
 * - Networks, volumes, secrets, configs and models no remaining service uses are dropped,
 *   unless `--all-resources`; `config` prints the project after this step.
 *
 * Profile names arrive as a list: `--profile` or, failing that, COMPOSE_PROFILES is read by the
 * caller. Links, `volumes_from` and `network_mode: service:x` are `depends_on` entries by now.
 */
import { buildGraph } from '../graph/dependency-graph.js';
import { matchServiceNames, selectServices } from '../graph/select-services.js';
import { ComposeFileError, throwIfAny } from './errors.js';
import type { Project, ServiceConfig } from './project.js';
import { locate, type SourceNode } from './source-map.js';
import type { TreePath } from './tree-path.js';

/** A project split into the services that run and those left out. */
export interface ActiveServices {
  /** The project with the enabled services only. */
  readonly project: Project;
  /** Services left out by profiles or by selection; `config --profiles` still lists their profiles. */
  readonly disabled: Record<string, ServiceConfig>;
  /** The active profiles: the requested ones, then those activated by naming a service. */
  readonly profiles: readonly string[];
}

export interface ServiceSelectionOptions {
  /** `--profile`, or COMPOSE_PROFILES split on commas. */
  readonly profiles: readonly string[];
  /** Services (or patterns) named on the command line; empty means the whole project. */
  readonly services?: readonly string[];
  /** `--no-deps`: keep only the named services (docker compose applies this later, in `up`). */
  readonly dependencies?: 'with-dependencies' | 'only-named';
  /** The consistency check (check-consistency.ts), run once profiles are applied; none for `--no-consistency`. */
  readonly check?: (active: ActiveServices) => ComposeFileError[];
  /** `--all-resources`: keep networks, volumes… that no selected service uses. */
  readonly allResources?: boolean;
  /** Positions for errors, when the caller has them. */
  readonly source?: SourceNode;
}

/** The loader's one call: every step, in docker compose's order. */
export function selectActiveServices(project: Project, options: ServiceSelectionOptions): ActiveServices {
  let active = applyProfiles(project, options.profiles);
  // Consistency is checked on the whole project with profiles applied, before selection and
  // pruning narrow it: compose-go checks unused volumes and disabled dependencies too.
  if (options.check) throwIfAny(options.check(active));
  const named = options.services ?? [];
  active = enableServices(active, named);
  active = restrictToServices(active, named, options.dependencies ?? 'with-dependencies', options.source);
  if (options.allResources) return active;
  return { ...active, project: pruneUnusedResources(active.project) };
}

/** A service without profiles is always enabled; one with profiles needs one of them active. */
export function isEnabledBy(service: Pick<ServiceConfig, 'profiles'>, profiles: readonly string[]): boolean {
  const own = service.profiles ?? [];
  return own.length === 0 || profiles.some((profile) => profile === '*' || own.includes(profile));
}

/** Splits every service of the project (enabled or not) by the given profiles. */
export function applyProfiles(project: Project, profiles: readonly string[]): ActiveServices {
  const services: Record<string, ServiceConfig> = {};
  const disabled: Record<string, ServiceConfig> = {};
  for (const [name, service] of Object.entries(project.services)) {
    if (isEnabledBy(service, profiles)) services[name] = service;
    else disabled[name] = service;
  }
  return { project: { ...project, services }, disabled, profiles: [...profiles] };
}

/**
 * Activates the profiles of the named services that profiles left out, as naming a service on
 * the command line does. This can enable other services of the same profiles; the selection
 * that follows drops them again. Unknown names are left for the selection to report.
 */
export function enableServices(active: ActiveServices, names: readonly string[]): ActiveServices {
  const added = names.flatMap((name) => active.disabled[name]?.profiles ?? []);
  if (added.length === 0) return active;
  const all = { ...active.project, services: { ...active.project.services, ...active.disabled } };
  return applyProfiles(all, [...new Set([...active.profiles, ...added])]);
}

/**
 * Keeps the named services and, with `'with-dependencies'`, everything they depend on; the rest
 * move to `disabled`. `depends_on` entries that lead out of the selection are removed, so the
 * printed project stands on its own. An empty list selects the whole project.
 */
export function restrictToServices(
  active: ActiveServices,
  names: readonly string[],
  policy: 'with-dependencies' | 'only-named',
  source?: SourceNode,
): ActiveServices {
  if (names.length === 0) return active;
  const enabled = active.project.services;
  const { matched, unknown } = matchServiceNames(Object.keys(enabled), names);
  const errors = unknown.map((name) => new ComposeFileError({ message: `no such service: ${name}` }));
  const keep = new Set(selectServices(buildGraph(enabled), matched, policy));
  if (policy === 'with-dependencies') errors.push(...missingDependencies(active, keep, source));
  throwIfAny(errors);

  const services: Record<string, ServiceConfig> = {};
  const disabled = { ...active.disabled };
  for (const [name, service] of Object.entries(enabled)) {
    if (keep.has(name)) services[name] = withDependsOnWithin(service, keep);
    else disabled[name] = service;
  }
  return { ...active, project: { ...active.project, services }, disabled };
}

/** Required dependencies of selected services that are not enabled: docker compose stops here. */
function missingDependencies(
  active: ActiveServices,
  selected: ReadonlySet<string>,
  source: SourceNode | undefined,
): ComposeFileError[] {
  const errors: ComposeFileError[] = [];
  for (const name of [...selected].sort()) {
    const dependsOn = active.project.services[name]?.depends_on ?? {};
    for (const [target, dependency] of Object.entries(dependsOn)) {
      if (target in active.project.services || dependency.required === false) continue;
      const off = active.disabled[target];
      errors.push(
        located(source, {
          path: ['services', name, 'depends_on', target],
          message: `no such service: ${target}`,
          hint: off ? disabledHint(target, name, off) : undefined,
        }),
      );
    }
  }
  return errors;
}

function withDependsOnWithin(service: ServiceConfig, keep: ReadonlySet<string>): ServiceConfig {
  if (!service.depends_on) return service;
  const entries = Object.entries(service.depends_on).filter(([target]) => keep.has(target));
  if (entries.length === Object.keys(service.depends_on).length) return service;
  const { depends_on: _dropped, ...rest } = service;
  return entries.length === 0 ? rest : { ...rest, depends_on: Object.fromEntries(entries) };
}

/**
 * Drops the top-level networks, volumes, secrets, configs and models that no service refers to
 * (compose-go `WithoutUnnecessaryResources`); a section left empty disappears.
 */
export function pruneUnusedResources(project: Project): Project {
  const used = {
    networks: new Set<string>(),
    volumes: new Set<string>(),
    secrets: new Set<string>(),
    configs: new Set<string>(),
    models: new Set<string>(),
  };
  for (const service of Object.values(project.services)) {
    for (const network of Object.keys(service.networks ?? {})) used.networks.add(network);
    for (const volume of service.volumes ?? []) {
      if (volume.type === 'volume' && volume.source) used.volumes.add(volume.source);
    }
    for (const secret of [...(service.secrets ?? []), ...sourcesOf(service.build?.['secrets'])]) {
      used.secrets.add(secret.source);
    }
    for (const config of service.configs ?? []) used.configs.add(config.source);
    for (const model of modelNames(service['models'])) used.models.add(model);
  }
  const pruned: Project = {
    ...project,
    networks: keepUsed(project.networks, used.networks),
    volumes: keepUsed(project.volumes, used.volumes),
    secrets: keepUsed(project.secrets, used.secrets),
    configs: keepUsed(project.configs, used.configs),
    models: keepUsed(project.models, used.models),
  };
  for (const section of ['networks', 'volumes', 'secrets', 'configs', 'models'] as const) {
    if (pruned[section] === undefined) delete pruned[section];
  }
  return pruned;
}

/** The declared entries that are used, in declaration order; undefined when none is. */
function keepUsed<T>(
  declared: Record<string, T> | undefined,
  used: ReadonlySet<string>,
): Record<string, T> | undefined {
  const kept = Object.entries(declared ?? {}).filter(([name]) => used.has(name));
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

/** Every profile any service declares, enabled or not, sorted: `config --profiles`. */
export function listProfiles(active: ActiveServices): string[] {
  const all = [...Object.values(active.project.services), ...Object.values(active.disabled)];
  return [...new Set(all.flatMap((service) => service.profiles ?? []))].sort();
}

/** `build.secrets` in its canonical long form; anything else names no secret. */
function sourcesOf(value: unknown): Array<{ source: string }> {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is { source: string } =>
      typeof item === 'object' && item !== null && typeof (item as { source?: unknown }).source === 'string',
  );
}

/** A service's `models`: a map in the canonical form, a list in the short one. */
function modelNames(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  if (typeof value === 'object' && value !== null) return Object.keys(value);
  return [];
}

function disabledHint(target: string, dependent: string, service: ServiceConfig): string {
  const profiles = service.profiles ?? [];
  return `service "${target}" is required by "${dependent}" but is disabled. Can be enabled by profiles [${profiles.join(' ')}]`;
}

function located(
  source: SourceNode | undefined,
  init: { path: TreePath; message: string; hint: string | undefined },
): ComposeFileError {
  return new ComposeFileError({ ...init, position: locate(source, init.path) });
}
