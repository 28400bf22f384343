/**
 * After a merge, some sequences may name the same thing twice: two volumes on one target, the
 * same port twice, `FOO=a` then `FOO=b`. Compose keeps one entry per key: the last definition
 * wins but takes the place of the first, so the order users see stays that of the base file.
 * The keys are compose-go's (`override/uncity.go`), one row of `UNIQUE_KEYS` per attribute.
 *
 * Only the listed sequences are touched, and only mappings are walked to find them (a sequence
 * of mappings is not searched), as in compose-go. Run it after every merge, and again once short
 * syntax has been expanded: a port range written in an override can reveal a duplicate only then.
 */
import { ComposeFileError } from './errors.js';
import { formatGoScalar } from './format-go-scalar.js';
import { goTypeName } from './go-type-name.js';
import {
  childOf,
  entriesOf,
  isMapping,
  itemsOf,
  mappingOf,
  sequenceOf,
  type LocatedValue,
} from './located-value.js';
import type { LocatedTree } from './located-tree.js';
import { parseVolumeSpec } from './parse-volume.js';
import { compilePatterns, type PathSegment, type PatternState, type TreePath } from './tree-path.js';

/** The identity of one sequence item; items with the same key are the same thing. */
type KeyOf = (item: LocatedValue, path: TreePath) => string;

export function enforceUnicity(document: LocatedTree): LocatedTree {
  const root: LocatedValue = { value: document.tree, source: document.source };
  const unique = uniqueWithin(root, UNIQUE_KEYS, []);
  if (unique === root) return document;
  return { tree: unique.value as Record<string, unknown>, source: unique.source ?? document.source };
}

/**
 * `state` says which row of UNIQUE_KEYS matches `path`; the walk enters only the keys that can
 * lead to a listed sequence. `path` is the walk's own stack: copy it to keep it.
 */
function uniqueWithin(located: LocatedValue, state: PatternState<KeyOf>, path: PathSegment[]): LocatedValue {
  if (isMapping(located.value)) {
    const keys = Object.keys(located.value);
    // Built on the first change only: most mappings hold no duplicates.
    let entries: Array<[string, LocatedValue]> | undefined;
    keys.forEach((key, index) => {
      const next = state.step(key);
      if (!next) return;
      const child = childOf(located, key);
      path.push(key);
      const unique = uniqueWithin(child, next, path);
      path.pop();
      if (unique !== child) (entries ??= entriesOf(located))[index] = [key, unique];
    });
    return entries ? mappingOf(entries, located.source?.position) : located;
  }
  if (Array.isArray(located.value)) {
    const keyOf = state.matches[0];
    return keyOf ? dropRedefinitions(located, [...path], keyOf) : located;
  }
  return located;
}

function dropRedefinitions(sequence: LocatedValue, path: TreePath, keyOf: KeyOf): LocatedValue {
  const items = itemsOf(sequence);
  const kept: LocatedValue[] = [];
  const slotOfKey = new Map<string, number>();
  items.forEach((item, index) => {
    const key = keyOf(item, [...path, index]);
    const slot = slotOfKey.get(key);
    if (slot === undefined) {
      slotOfKey.set(key, kept.length);
      kept.push(item);
    } else kept[slot] = item;
  });
  const unchanged = kept.length === items.length && kept.every((item, index) => item === items[index]);
  return unchanged ? sequence : sequenceOf(kept, sequence.source?.position);
}

/** `FOO=bar` and `FOO` are keyed by `FOO`; `cap_add`, `profiles`… by the whole string. */
const byKeyOfKeyValue: KeyOf = (item, path) => {
  if (typeof item.value !== 'string') throw unexpected(item, path, 'a string');
  const equals = item.value.indexOf('=');
  return equals < 0 ? item.value : item.value.slice(0, equals);
};

const byVolumeTarget: KeyOf = (item, path) => {
  if (typeof item.value === 'string') {
    const volume = parseVolumeSpec(item.value);
    if (!volume.ok)
      throw new ComposeFileError({ path, position: item.source?.position, message: volume.error });
    return volume.value.target;
  }
  if (!isMapping(item.value)) return '';
  if (typeof item.value.target !== 'string')
    throw missing(item, path, 'service volume is missing a mount target');
  return item.value.target;
};

/** `/dev/sda:/dev/xvda:rwm` is keyed by `/dev/xvda`; a lone path by itself. */
const byDeviceTarget: KeyOf = (item, path) => {
  if (typeof item.value === 'string') {
    const parts = item.value.split(':');
    return (parts.length === 1 ? parts[0] : parts[1]) ?? '';
  }
  if (!isMapping(item.value)) return '';
  if (typeof item.value.target !== 'string')
    throw missing(item, path, 'service device is missing a mount target');
  return item.value.target;
};

const byExposedPort: KeyOf = (item, path) => {
  if (typeof item.value === 'string') return item.value;
  if (typeof item.value === 'number' && Number.isInteger(item.value)) return String(item.value);
  throw unexpected(item, path, 'a port number or a string');
};

/** secrets and configs: by target, which defaults to `<directory>/<source>`. */
function byMountTarget(directory: string): KeyOf {
  return (item, path) => {
    if (typeof item.value === 'string') return `${directory}/${item.value}`;
    if (!isMapping(item.value)) throw unexpected(item, path, 'a name or a mapping');
    if (Object.hasOwn(item.value, 'target')) return formatted(item.value.target, 's');
    return `${directory}/${formatted(item.value.source, 's')}`;
  };
}

/**
 * Short syntax is keyed by its text (`8080:80` and `8080:80/tcp` differ until normalised); long
 * syntax by host_ip (default 0.0.0.0), published, target and protocol (default tcp).
 */
const byPortIdentity: KeyOf = (item, path) => {
  if (typeof item.value === 'string') return item.value;
  if (typeof item.value === 'number' && Number.isInteger(item.value)) return String(item.value);
  if (!isMapping(item.value)) return '';
  const port = item.value;
  if (!Object.hasOwn(port, 'target')) throw missing(item, path, 'service port is missing a target port');
  const host = Object.hasOwn(port, 'host_ip') ? formatted(port.host_ip, 's') : '0.0.0.0';
  const protocol = Object.hasOwn(port, 'protocol') ? formatted(port.protocol, 's') : 'tcp';
  return `${host}:${formatted(port.published, 's')}:${formatted(port.target, 'd')}/${protocol}`;
};

const byEnvFilePath: KeyOf = (item, path) => {
  if (typeof item.value === 'string') return item.value;
  if (!isMapping(item.value)) return '';
  if (!Object.hasOwn(item.value, 'path')) throw missing(item, path, 'env_file entry is missing its path');
  return formatted(item.value.path, 's');
};

const UNIQUE_KEYS: PatternState<KeyOf> = compilePatterns<KeyOf>([
  ['networks.*.labels', byKeyOfKeyValue],
  ['networks.*.ipam.options', byKeyOfKeyValue],
  ['services.*.annotations', byKeyOfKeyValue],
  ['services.*.build.args', byKeyOfKeyValue],
  ['services.*.build.additional_contexts', byKeyOfKeyValue],
  ['services.*.build.platform', byKeyOfKeyValue],
  ['services.*.build.tags', byKeyOfKeyValue],
  ['services.*.build.labels', byKeyOfKeyValue],
  ['services.*.cap_add', byKeyOfKeyValue],
  ['services.*.cap_drop', byKeyOfKeyValue],
  ['services.*.configs', byMountTarget('')],
  ['services.*.deploy.labels', byKeyOfKeyValue],
  ['services.*.devices', byDeviceTarget],
  ['services.*.dns', byKeyOfKeyValue],
  ['services.*.dns_opt', byKeyOfKeyValue],
  ['services.*.dns_search', byKeyOfKeyValue],
  ['services.*.environment', byKeyOfKeyValue],
  ['services.*.env_file', byEnvFilePath],
  ['services.*.expose', byExposedPort],
  ['services.*.labels', byKeyOfKeyValue],
  ['services.*.links', byKeyOfKeyValue],
  ['services.*.networks.*.aliases', byKeyOfKeyValue],
  ['services.*.networks.*.link_local_ips', byKeyOfKeyValue],
  ['services.*.ports', byPortIdentity],
  ['services.*.profiles', byKeyOfKeyValue],
  ['services.*.secrets', byMountTarget('/run/secrets')],
  ['services.*.sysctls', byKeyOfKeyValue],
  ['services.*.tmpfs', byKeyOfKeyValue],
  ['services.*.volumes', byVolumeTarget],
]);

/**
 * A value as part of a key, as Go's `fmt` writes it for `verb`: values of the verb's type print
 * plainly, others as `%!s(int=8080)`. So `published: 8080` and `published: "8080"` stay distinct
 * keys, as they are for compose-go.
 */
function formatted(value: unknown, verb: 's' | 'd'): string {
  if (verb === 's' ? typeof value === 'string' : typeof value === 'number' && Number.isInteger(value)) {
    return String(value);
  }
  if (value === null || value === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(value)}=${formatGoScalar(value)})`;
}

function unexpected(item: LocatedValue, path: TreePath, expected: string): ComposeFileError {
  const got = goTypeName(item.value);
  return new ComposeFileError({
    path,
    position: item.source?.position,
    message: `expected ${expected}, got ${got}`,
  });
}

function missing(item: LocatedValue, path: TreePath, message: string): ComposeFileError {
  return new ComposeFileError({ path, position: item.source?.position, message });
}
