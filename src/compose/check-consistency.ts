/**
 * Validation, part two: what the schema cannot say. Every rule of compose-go's
 * `loader/validate.go` (`checkConsistency`), `validation/` and `Project.CheckContainerNameUnicity`
 * over the canonical project: references to services, networks, volumes, secrets, configs and
 * models that are not declared, attributes that exclude each other, values that must agree,
 * mount targets used twice, dependency cycles. Every problem is returned, each at the field that
 * causes it; messages are compose-go's own where it has one, so users can search for them.
 *
 * It expects the canonical project with profiles applied (compose-go runs it on the enabled
 * services only): long syntax for volumes, ports, secrets and configs. Short forms that cost
 * nothing to read (list `depends_on`, `networks`, string secrets, short ports) are read too, so
 * a project loaded with `--no-normalize` is still checked. `links`, `volumes_from` and
 * `service:x` namespaces are checked where they are written; the `depends_on` entries that
 * normalisation derives from them are not reported a second time.
 *
 * This module runs the rules and holds the project-wide ones (external volumes, where configs and
 * secrets get their content, container names, cycles); the per-service rules are in
 * check-service-settings.ts and check-service-references.ts. It reads nothing but the tree and
 * raises nothing: the caller throws the list.
 */
import { buildGraph, findCycle } from '../graph/dependency-graph.js';
import { SERVICE_REFERENCE_RULES } from './check-service-references.js';
import { SERVICE_SETTING_RULES } from './check-service-settings.js';
import {
  INVALID,
  mappingEntries,
  pairsOf,
  type Context,
  type Finding,
  type ProjectRule,
  type Service,
} from './consistency-context.js';
import { ComposeErrors, ComposeFileError } from './errors.js';
import type { LocatedTree } from './located-tree.js';
import { isMapping } from './located-value.js';
import { locate } from './source-map.js';

export interface ConsistencyOptions {
  /** Services that profiles left out: a `required: false` dependency on one of them is fine. */
  readonly disabledServices?: Readonly<Record<string, { readonly profiles?: readonly string[] }>>;
}

export function checkConsistency(project: LocatedTree, options: ConsistencyOptions = {}): ComposeFileError[] {
  const context: Context = {
    project: project.tree,
    services: mappingEntries(project.tree.services),
    disabled: options.disabledServices ?? {},
    source: project.source,
  };
  const serviceRules = [...SERVICE_SETTING_RULES, ...SERVICE_REFERENCE_RULES];
  const findings: Finding[] = [
    ...Object.entries(context.services).flatMap(([name, config]) => {
      const service: Service = { name, config, path: ['services', name] };
      return serviceRules.flatMap((rule) => rule(service, context));
    }),
    ...PROJECT_RULES.flatMap((rule) => rule(context)),
  ];
  const errors = findings.map(
    (finding) =>
      new ComposeFileError({
        path: finding.path,
        position: locate(context.source, finding.pointAt ?? finding.path),
        message: finding.message,
        hint: finding.hint,
      }),
  );
  // ComposeErrors owns the file-order rule; borrowing it keeps one definition of that order.
  return [...new ComposeErrors(errors).errors];
}

/** compose-go checks only volumes this way, though the specification says it of every resource. */
const checkExternalVolumes: ProjectRule = ({ project }) =>
  Object.entries(mappingEntries(project.volumes)).flatMap(([key, volume]) => {
    if (!isExternal(volume.external)) return [];
    return Object.keys(volume)
      .filter((field) => field !== 'name' && field !== 'external' && !field.startsWith('x-'))
      .map((field) => ({
        path: ['volumes', key, field],
        message: `conflicting parameters "external" and "${field}" specified`,
      }));
  });

/** Where a config's or a secret's content comes from: exactly one source, unless it is external. */
const checkFileObjects: ProjectRule = ({ project }) =>
  (
    [
      ['configs', ['file', 'environment', 'content']],
      ['secrets', ['file', 'environment']],
    ] as const
  ).flatMap(([section, sources]) =>
    Object.entries(mappingEntries(project[section])).flatMap(([key, object]): Finding[] => {
      const path = [section, key];
      const count = sources.filter((source) => object[source] !== undefined).length;
      const names = sources.join('|');
      if (count > 1) return [{ path, message: `${names} attributes are mutually exclusive` }];
      if (count === 1 || isExternal(object.external)) return [];
      if (object.driver === undefined && object.external === undefined) {
        return [{ path, message: `one of ${names} must be set` }];
      }
      // A driver may supply a config's content; compose-go's consistency check still wants one for a secret.
      if (section === 'configs') return [];
      return [{ path, message: `secret "${key}" must declare either \`file\` or \`environment\`${INVALID}` }];
    }),
  );

const checkContainerNames: ProjectRule = ({ services }) => {
  const owners = new Map<string, string>();
  return Object.entries(services).flatMap(([name, config]): Finding[] => {
    const containerName = config.container_name;
    if (typeof containerName !== 'string' || containerName === '') return [];
    const owner = owners.get(containerName);
    if (owner === undefined) {
      owners.set(containerName, name);
      return [];
    }
    return [
      {
        path: ['services', name, 'container_name'],
        message: `container name "${containerName}" is already in use by service ${owner}`,
      },
    ];
  });
};

const checkCycles: ProjectRule = ({ services }) => {
  const dependencies = Object.fromEntries(
    Object.entries(services).map(([name, config]) => [
      name,
      { depends_on: Object.fromEntries(pairsOf(config.depends_on)) },
    ]),
  );
  const cycle = findCycle(buildGraph(dependencies));
  if (!cycle) return [];
  const [from = '', to = ''] = cycle;
  return [
    {
      path: ['services', from, 'depends_on', to],
      message: `dependency cycle detected: ${cycle.join(' -> ')}`,
    },
  ];
};

const PROJECT_RULES: readonly ProjectRule[] = [
  checkExternalVolumes,
  checkFileObjects,
  checkContainerNames,
  checkCycles,
];

/** Go's `strconv.ParseBool` truth, as compose-go reads `external`; the old `{name: x}` form too. */
function isExternal(value: unknown): boolean {
  if (isMapping(value)) return true;
  return value === true || ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(String(value));
}
