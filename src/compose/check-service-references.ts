/**
 * Consistency rules about what one service refers to: services (`depends_on`, `links`,
 * `volumes_from`, `service:x` namespaces, `extends`, build contexts) and top-level networks,
 * volumes, secrets, configs and models. A reference to a service that profiles disabled is an
 * error unless the dependency says `required: false`. compose-go: loader/validate.go.
 *
 * Normalisation turns `links`, `volumes_from` and `service:x` into `depends_on` entries; those are
 * reported where the user wrote them, not a second time as `depends_on`.
 */
import { locate, sourceAt } from './source-map.js';
import type { TreePath } from './tree-path.js';
import {
  INVALID,
  list,
  mapping,
  namesIn,
  pairsOf,
  type Context,
  type Finding,
  type ServiceRule,
  type Tree,
} from './consistency-context.js';

const SERVICE_PREFIX = 'service:';

/** `additional_contexts: {base: service:base}` builds on another service's image. */
const checkBuildContexts: ServiceRule = ({ name, config, path }, { services }) =>
  pairsOf(mapping(config.build)?.additional_contexts).flatMap(([key, value]): Finding[] => {
    if (!isServiceReference(value)) return [];
    const target = serviceOf(value);
    const reason = !services[target] ? 'unknown' : !services[target].build ? 'non-buildable' : undefined;
    if (!reason) return [];
    return [
      {
        path: [...path, 'build', 'additional_contexts', key],
        message: `service "${name}" declares ${reason} service "${target}" as additional contexts ${key}`,
      },
    ];
  });

const checkNetworks: ServiceRule = ({ name, config, path }, { project }) => {
  const networks = namesIn(config.networks);
  if (config.network_mode && networks.length > 0) {
    return [
      {
        path: [...path, 'network_mode'],
        message: `service ${name} declares mutually exclusive \`network_mode\` and \`networks\`${INVALID}`,
      },
    ];
  }
  // `default` is declared implicitly as soon as a service uses it.
  const declared = mapping(project.networks) ?? {};
  return networks
    .filter((network) => network !== 'default' && !(network in declared))
    .map((network) => ({
      path: [...path, 'networks', network],
      message: `service "${name}" refers to undefined network ${network}${INVALID}`,
    }));
};

/**
 * What to say about `from` referring to service `target`: nothing when the target is enabled, or
 * disabled and not required; otherwise compose-go's message, with the profiles that would enable it.
 */
function missingService(
  from: string,
  target: string,
  required: boolean,
  context: Context,
): { message: string; hint: string | undefined } | undefined {
  if (context.services[target]) return undefined;
  const disabled = context.disabled[target];
  if (disabled && !required) return undefined;
  const message = `service "${from}" depends on undefined service "${target}"${INVALID}`;
  const hint = disabled
    ? `service "${target}" is required by "${from}" but is disabled. Can be enabled by profiles [${(disabled.profiles ?? []).join(' ')}]`
    : undefined;
  return { message, hint };
}

const checkDependsOn: ServiceRule = (service, context) => {
  const { name, config, path } = service;
  const implied = new Set(impliedDependencies(config));
  return pairsOf(config.depends_on).flatMap(([target, dependency]) => {
    const at = [...path, 'depends_on', target];
    // Normalisation adds entries for links and the like; those are reported where they are written.
    if (implied.has(target) && !sourceAt(context.source, at)) return [];
    const required = mapping(dependency)?.required !== false;
    const missing = missingService(name, target, required, context);
    return missing ? [{ path: at, ...missing }] : [];
  });
};

/** Services a service refers to outside `depends_on`, which compose makes dependencies of. */
function impliedDependencies(config: Tree): string[] {
  return [
    ...list(config.links).map((link) => linkTarget(String(link))),
    ...NAMESPACES.map((field) => config[field]).flatMap((v) => (isServiceReference(v) ? [serviceOf(v)] : [])),
    ...list(config.volumes_from).flatMap((v) => volumesFromTarget(String(v)) ?? []),
  ];
}

const NAMESPACES = ['network_mode', 'ipc', 'pid', 'uts', 'cgroup'] as const;

const checkNamespaces: ServiceRule = ({ name, config, path }, context) =>
  NAMESPACES.flatMap((field) => {
    const value = config[field];
    if (!isServiceReference(value)) return [];
    const target = serviceOf(value);
    const missing = missingService(name, target, true, context);
    if (!missing) return [];
    // Normalisation makes the reference a depends_on entry, which compose-go checks first; only
    // an unnormalised model (--no-normalize) meets its network_mode message.
    const implied = Object.hasOwn(mapping(config.depends_on) ?? {}, target);
    const message =
      field === 'network_mode' && !implied
        ? `service "${target}" not found for network_mode 'service:${target}'`
        : missing.message;
    return [{ path: [...path, field], message, hint: missing.hint }];
  });

const checkLinks: ServiceRule = ({ name, config, path }, context) =>
  list(config.links).flatMap((link, index) => {
    const missing = missingService(name, linkTarget(String(link)), true, context);
    return missing ? [{ path: [...path, 'links', index], ...missing }] : [];
  });

const checkVolumesFrom: ServiceRule = ({ name, config, path }, context) =>
  list(config.volumes_from).flatMap((entry, index) => {
    const target = volumesFromTarget(String(entry));
    const missing = target === undefined ? undefined : missingService(name, target, true, context);
    return missing ? [{ path: [...path, 'volumes_from', index], ...missing }] : [];
  });

/** `extends` is resolved before profiles, so a base in a disabled profile is still a base. */
const checkExtends: ServiceRule = ({ name, config, path }, context) => {
  const extended = typeof config.extends === 'string' ? { service: config.extends } : mapping(config.extends);
  const base = extended?.service;
  if (typeof base !== 'string' || extended?.file !== undefined) return [];
  if (context.services[base] || context.disabled[base]) return [];
  const file = locate(context.source, [...path, 'extends'])?.file ?? 'the compose file';
  return [
    {
      path: [...path, 'extends'],
      message: `cannot extend service "${name}" in ${file}: service "${base}" not found`,
    },
  ];
};

const checkReferences: ServiceRule = ({ name, config, path }, { project }) => {
  const declared = (section: string) => mapping(project[section]) ?? {};
  const undefinedIn = (section: string, what: string, at: TreePath, references: unknown[]): Finding[] =>
    references.flatMap((entry, index) => {
      const source = typeof entry === 'string' ? entry : mapping(entry)?.source;
      if (typeof source !== 'string' || source === '' || source in declared(section)) return [];
      return [
        {
          path: [...at, index],
          message: `service "${name}" refers to undefined ${what} ${source}${INVALID}`,
        },
      ];
    });
  // Only named volumes refer to the top level: binds, tmpfs and anonymous volumes do not.
  const volumes = list(config.volumes).map((volume) =>
    mapping(volume)?.type === 'volume' ? volume : undefined,
  );
  return [
    ...undefinedIn('volumes', 'volume', [...path, 'volumes'], volumes),
    ...undefinedIn(
      'secrets',
      'build secret',
      [...path, 'build', 'secrets'],
      list(mapping(config.build)?.secrets),
    ),
    ...undefinedIn('configs', 'config', [...path, 'configs'], list(config.configs)),
    ...undefinedIn('secrets', 'secret', [...path, 'secrets'], list(config.secrets)),
    ...namesIn(config.models)
      .filter((model) => !(model in declared('models')))
      .map((model) => ({
        path: [...path, 'models', model],
        message: `service "${name}" refers to undefined model ${model}${INVALID}`,
      })),
  ];
};

export const SERVICE_REFERENCE_RULES: readonly ServiceRule[] = [
  checkBuildContexts,
  checkNetworks,
  checkDependsOn,
  checkNamespaces,
  checkLinks,
  checkVolumesFrom,
  checkExtends,
  checkReferences,
];

function isServiceReference(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(SERVICE_PREFIX);
}

function serviceOf(reference: string): string {
  return reference.slice(SERVICE_PREFIX.length);
}

/** `db:alias` links to db; compose-go keeps a link with more colons whole. */
function linkTarget(link: string): string {
  const parts = link.split(':');
  return parts.length === 2 ? (parts[0] ?? link) : link;
}

/** `volumes_from: [db:ro]` names service db; `container:x` names a container, not a service. */
function volumesFromTarget(entry: string): string | undefined {
  return entry.startsWith('container:') ? undefined : entry.split(':')[0];
}
