/**
 * The short volume syntax, `[SOURCE:]TARGET[:OPTIONS]`, expanded to the long form the way
 * compose-go's `format.ParseVolume` does it, without knowing the target platform:
 *
 * - a source starting with `.`, `/`, `~`, `\\` or a drive letter (`C:`) is a bind mount, and
 *   short-syntax binds create a missing host path (`bind.create_host_path: true`); any other
 *   source names a volume, and no source at all is an anonymous volume;
 * - a colon right after a single letter is part of a Windows drive (`C:\src:D:\dst`), and colons
 *   inside `${...}` are part of the variable (`/data/${TIME:-12:30}`), so uninterpolated specs
 *   still split where the user meant;
 * - options are `ro`, `rw`, `nocopy`, a propagation mode (`rshared`…) and an SELinux label
 *   (`z`, `Z`); unknown options are ignored, as compose-go ignores them.
 *
 * Paths are left as written: resolving `./src` or `~` against the project is a later stage's job.
 */
import { failed, parsed, type ParseResult } from './parse-result.js';

/** One long-syntax volume, keys in the order compose-go prints them. */
export interface ParsedVolume {
  type: 'volume' | 'bind';
  source?: string;
  target: string;
  read_only?: boolean;
  bind?: { selinux?: string; propagation?: string; create_host_path: boolean };
  volume?: { nocopy?: boolean };
}

const PROPAGATIONS = new Set(['rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave']);
const SELINUX_LABELS = new Set(['z', 'Z']);
const END = '';

interface Fields {
  source: string;
  target: string;
  readOnly: boolean;
  noCopy: boolean;
  selinux: string;
  propagation: string;
}

export function parseVolumeSpec(spec: string): ParseResult<ParsedVolume> {
  const chars = [...spec];
  if (chars.length === 0) return failed('invalid empty volume spec');
  // One or two bytes can only be a target (`.`, `/a`): an anonymous volume.
  if (new TextEncoder().encode(spec).length <= 2) return parsed({ type: 'volume', target: spec });

  const fields: Fields = {
    source: '',
    target: '',
    readOnly: false,
    noCopy: false,
    selinux: '',
    propagation: '',
  };
  let buffer: string[] = [];
  let variableDepth = 0;
  for (const [i, char] of [...chars, END].entries()) {
    if (char === '$' && chars[i + 1] === '{') {
      variableDepth++;
      buffer.push(char);
      continue;
    }
    if (char === '}' && variableDepth > 0) {
      variableDepth--;
      buffer.push(char);
      continue;
    }
    if (char === ':' && isWindowsDrive(buffer)) {
      buffer.push(char);
    } else if ((char === ':' || char === END) && variableDepth === 0) {
      const problem = fillField(fields, buffer.join(''), char === END);
      if (problem) return failed(`invalid spec: ${spec}: ${problem}`);
      buffer = [];
    } else {
      buffer.push(char);
    }
  }
  return parsed(toVolume(fields));
}

/** Puts one colon-separated section in its place; returns what is wrong, if anything. */
function fillField(fields: Fields, section: string, atEnd: boolean): string | undefined {
  if (section === '') return 'empty section between colons';
  if (fields.source === '' && atEnd) {
    fields.target = section;
    return undefined;
  }
  if (fields.source === '') {
    fields.source = section;
    return undefined;
  }
  if (fields.target === '') {
    fields.target = section;
    return undefined;
  }
  if (!atEnd) return 'too many colons';
  for (const option of section.split(',')) {
    if (option === 'ro') fields.readOnly = true;
    else if (option === 'rw') fields.readOnly = false;
    else if (option === 'nocopy') fields.noCopy = true;
    else if (PROPAGATIONS.has(option)) fields.propagation = option;
    else if (SELINUX_LABELS.has(option)) fields.selinux = option;
  }
  return undefined;
}

function toVolume(fields: Fields): ParsedVolume {
  const bind = isFilePath(fields.source);
  return {
    type: bind ? 'bind' : 'volume',
    ...(fields.source === '' ? {} : { source: fields.source }),
    target: fields.target,
    ...(fields.readOnly ? { read_only: true } : {}),
    ...(bind
      ? {
          bind: {
            ...(fields.selinux === '' ? {} : { selinux: fields.selinux }),
            ...(fields.propagation === '' ? {} : { propagation: fields.propagation }),
            create_host_path: true,
          },
        }
      : {}),
    // A bind option on a named volume is dropped, but `nocopy` is kept whatever the type.
    ...(!bind || fields.noCopy ? { volume: fields.noCopy ? { nocopy: true } : {} } : {}),
  };
}

function isWindowsDrive(buffer: readonly string[]): boolean {
  return buffer.length === 1 && /^\p{L}$/u.test(buffer[0] ?? '');
}

/** Whether a source is a host path rather than a volume name. */
export function isFilePath(source: string): boolean {
  if (source === '') return false;
  if (source[0] === '.' || source[0] === '/' || source[0] === '~') return true;
  if (source.startsWith('\\\\')) return true;
  const [first = '', second] = [...source];
  return second === ':' && /^\p{L}$/u.test(first);
}
