/**
 * Consistency rules about one service's own settings: what it must have (an image or a build),
 * what excludes what (`dockerfile` and `dockerfile_inline`, `count` and `device_ids`), what must
 * agree (`scale` and `deploy.replicas`, `mem_limit` and its `deploy.resources` twin), and what
 * must be well formed beyond the schema (healthcheck test, watch triggers, mount targets, ports).
 * compose-go: loader/validate.go and validation/validation.go.
 */
import { isIpAddress } from './is-ip-address.js';
import { parseBytes } from './parse-bytes.js';
import { parsePortSpec } from './parse-port.js';
import type { TreePath } from './tree-path.js';
import { INVALID, list, mapping, type Finding, type ServiceRule } from './consistency-context.js';

const requireImageOrBuild: ServiceRule = ({ name, config, path }) =>
  config.image || config.build || config.provider
    ? []
    : [{ path, message: `service "${name}" has neither an image nor a build context specified${INVALID}` }];

const checkBuild: ServiceRule = ({ name, config, path }) => {
  const build = mapping(config.build);
  if (!build) return [];
  const findings: Finding[] = [];
  if (build.dockerfile && build.dockerfile_inline) {
    findings.push({
      path: [...path, 'build', 'dockerfile_inline'],
      message: `service "${name}" declares mutually exclusive dockerfile and dockerfile_inline${INVALID}`,
    });
  }
  const platforms = list(build.platforms);
  if (platforms.length > 0 && typeof config.platform === 'string' && !platforms.includes(config.platform)) {
    findings.push({
      path: [...path, 'platform'],
      message: `service.build.platforms MUST include service.platform "${config.platform}"${INVALID}`,
    });
  }
  return findings;
};

const checkHealthcheckTest: ServiceRule = ({ config, path }) => {
  const test = mapping(config.healthcheck)?.test;
  // A string is the shell form (CMD-SHELL); only the list form names its kind first.
  const first = Array.isArray(test) ? (test[0] as unknown) : undefined;
  if (first === undefined || ['CMD', 'CMD-SHELL', 'NONE'].includes(String(first))) return [];
  return [
    {
      path: [...path, 'healthcheck', 'test'],
      message: 'healthcheck.test must start either by "CMD", "CMD-SHELL" or "NONE"',
    },
  ];
};

const checkReplicas: ServiceRule = ({ config, path }) => {
  const findings: Finding[] = [];
  const scale = integer(config.scale);
  const replicas = integer(mapping(config.deploy)?.replicas);
  if (scale !== undefined && replicas !== undefined && scale !== replicas) {
    findings.push({
      path: [...path, 'scale'],
      message: `can't set distinct values on 'scale' and 'deploy.replicas'${INVALID}`,
    });
  }
  if (scale !== undefined && scale < 0) {
    findings.push({ path: [...path, 'scale'], message: 'must be greater than or equal to 0' });
  }
  if (replicas !== undefined && replicas < 0) {
    findings.push({ path: [...path, 'deploy', 'replicas'], message: 'must be greater than or equal to 0' });
  }
  const containerName = config.container_name;
  if (typeof containerName === 'string' && containerName !== '' && (scale ?? replicas ?? 1) > 1) {
    const attribute = scale === undefined ? 'deploy.replicas' : 'scale';
    findings.push({
      path: [...path, 'container_name'],
      message: `can't set container_name and ${attribute} as container name must be unique${INVALID}`,
    });
  }
  return findings;
};

/** Service-level limits and their `deploy.resources` twins must agree when both are there. */
const RESOURCE_TWINS = [
  ['cpus', ['limits', 'cpus'], Number],
  ['mem_limit', ['limits', 'memory'], bytes],
  ['mem_reservation', ['reservations', 'memory'], bytes],
  ['pids_limit', ['limits', 'pids'], Number],
] as const satisfies ReadonlyArray<readonly [string, readonly [string, string], (v: unknown) => number]>;

const checkResources: ServiceRule = ({ config, path }) => {
  const resources = mapping(mapping(config.deploy)?.resources);
  return RESOURCE_TWINS.flatMap(([field, [group, twin], read]) => {
    const own = config[field] === undefined ? 0 : read(config[field]);
    const section = mapping(resources?.[group]);
    // As in compose-go, a limits section without this entry counts as 0, which then differs.
    if (own === 0 || !section || (section[twin] === undefined ? 0 : read(section[twin])) === own) return [];
    return [
      {
        path: [...path, field],
        message: `can't set distinct values on '${field}' and 'deploy.resources.${group}.${twin}'${INVALID}`,
      },
    ];
  });
};

const checkWatch: ServiceRule = ({ config, path }) =>
  list(mapping(config.develop)?.watch).flatMap((entry, index): Finding[] => {
    const trigger = mapping(entry) ?? {};
    const at = [...path, 'develop', 'watch', index];
    if (trigger.path === '') return [{ path: [...at, 'path'], message: "value can't be blank" }];
    if (trigger.target || trigger.action === 'rebuild' || trigger.action === 'restart') return [];
    return [{ path: at, message: `target is required for non-rebuild actions${INVALID}` }];
  });

const checkMountTargets: ServiceRule = ({ name, config, path }) => {
  const mounted = new Map<string, string>();
  const findings: Finding[] = [];
  const mount = (target: string, field: string, index: number) => {
    const where = `services.${name}.${field}[${index}]`;
    const earlier = mounted.get(target);
    if (earlier)
      findings.push({
        path: [...path, field, index],
        message: `target ${target} already mounted as ${earlier}`,
      });
    else mounted.set(target, where);
  };
  list(config.tmpfs ?? []).forEach((entry, index) =>
    mount(String(entry).split(':')[0] ?? '', 'tmpfs', index),
  );
  list(config.volumes).forEach((volume, index) => {
    const target = mapping(volume)?.target;
    if (typeof target === 'string') mount(target, 'volumes', index);
  });
  return findings;
};

const checkPorts: ServiceRule = ({ config, path }) =>
  list(config.ports).flatMap((port, index): Finding[] => {
    const at = [...path, 'ports', index];
    if (typeof port === 'string') {
      const parsedPort = parsePortSpec(port);
      return parsedPort.ok ? [] : [{ path: at, message: parsedPort.error }];
    }
    const hostIp = mapping(port)?.host_ip;
    if (typeof hostIp !== 'string' || isIpAddress(hostIp)) return [];
    return [{ path: at, message: `invalid ip address: ${hostIp}`, pointAt: [...at, 'host_ip'] }];
  });

const checkDeviceRequests: ServiceRule = ({ config, path }) => {
  const reservations = mapping(mapping(mapping(config.deploy)?.resources)?.reservations);
  const groups: Array<[TreePath, unknown[]]> = [
    [[...path, 'deploy', 'resources', 'reservations', 'devices'], list(reservations?.devices)],
    [[...path, 'gpus'], list(config.gpus)],
  ];
  return groups.flatMap(([at, requests]) =>
    requests.flatMap((request, index) => {
      const device = mapping(request);
      if (!device || device.count === undefined || device.device_ids === undefined) return [];
      return [{ path: [...at, index], message: '"count" and "device_ids" attributes are exclusive' }];
    }),
  );
};

export const SERVICE_SETTING_RULES: readonly ServiceRule[] = [
  requireImageOrBuild,
  checkBuild,
  checkHealthcheckTest,
  checkReplicas,
  checkResources,
  checkWatch,
  checkMountTargets,
  checkPorts,
  checkDeviceRequests,
];

function integer(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = Number(value);
  return Number.isInteger(number) ? number : undefined;
}

function bytes(value: unknown): number {
  const size = parseBytes(value);
  return size.ok ? size.value : Number.NaN;
}
