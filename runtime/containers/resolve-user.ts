/**
 * `Config.User` (`name`, `uid`, `name:group`, `uid:gid`) to numeric ids, looked up in the
 * container's own /etc/passwd and /etc/group the way runc's `GetExecUser` does: names must exist;
 * a numeric uid that is not listed runs with gid 0; a user's supplementary groups are the groups
 * that list it as a member, plus `HostConfig.GroupAdd`.
 *
 * Pure: the caller reads the two files (scoped to the rootfs) and passes their text, or `''` when
 * the image has none.
 */
import { badRequest } from '../status-error.js';

export interface ResolvedUser {
  uid: number;
  gid: number;
  additionalGids: number[];
  /** The passwd entry's home, `/` when there is none. */
  home: string;
}

interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

export function parsePasswd(text: string): PasswdEntry[] {
  return rows(text, 7).map(([name = '', , uid = '', gid = '', , home = '']) => ({
    name,
    uid: Number(uid),
    gid: Number(gid),
    home,
  }));
}

export function parseGroup(text: string): GroupEntry[] {
  return rows(text, 4).map(([name = '', , gid = '', members = '']) => ({
    name,
    gid: Number(gid),
    members: members.split(',').filter(Boolean),
  }));
}

export function resolveUser(
  user: string,
  passwd: string,
  group: string,
  groupAdd: readonly string[] = [],
): ResolvedUser {
  const [userPart = '', groupPart] = user.split(':', 2);
  const users = parsePasswd(passwd);
  const groups = parseGroup(group);
  let entry: PasswdEntry | undefined;
  if (userPart === '') {
    entry = users.find((candidate) => candidate.uid === 0) ?? { name: 'root', uid: 0, gid: 0, home: '/root' };
  } else if (isNumeric(userPart)) {
    entry = users.find((candidate) => candidate.uid === Number(userPart)) ?? {
      name: '',
      uid: Number(userPart),
      gid: 0,
      home: '/',
    };
  } else {
    entry = users.find((candidate) => candidate.name === userPart);
    if (!entry) throw badRequest(`unable to find user ${userPart}: no matching entries in passwd file`);
  }
  const gid = groupPart === undefined || groupPart === '' ? entry.gid : lookupGroup(groupPart, groups);
  const supplementary =
    groupPart === undefined && entry.name !== ''
      ? groups.filter((candidate) => candidate.members.includes(entry.name)).map((candidate) => candidate.gid)
      : [];
  const added = groupAdd.map((name) => lookupGroup(name, groups));
  return {
    uid: entry.uid,
    gid,
    additionalGids: unique([...supplementary, ...added].filter((id) => id !== gid)),
    home: entry.home || '/',
  };
}

function lookupGroup(name: string, groups: readonly GroupEntry[]): number {
  if (isNumeric(name)) return Number(name);
  const found = groups.find((candidate) => candidate.name === name);
  if (!found) throw badRequest(`unable to find group ${name}: no matching entries in group file`);
  return found.gid;
}

function rows(text: string, minimumFields: number): string[][] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split(':'))
    .filter((fields) => fields.length >= minimumFields - 1 && isNumeric(fields[2] ?? ''));
}

function isNumeric(text: string): boolean {
  return /^\d+$/.test(text);
}

function unique(values: number[]): number[] {
  return [...new Set(values)];
}
