import { describe, expect, it } from 'vitest';
import { resolveUser } from '../../../runtime/containers/resolve-user.js';

const PASSWD = [
  'root:x:0:0:root:/root:/bin/sh',
  'app:x:1000:1000:app:/home/app:/bin/sh',
  '# comment',
  'www:x:33:33::/var/www:/bin/false',
].join('\n');
const GROUP = ['root:x:0:', 'app:x:1000:', 'staff:x:50:app,www', 'video:x:44:app'].join('\n');

describe('resolveUser: Config.User through the image /etc/passwd and /etc/group', () => {
  it.each([
    { name: 'empty is root', user: '', expected: { uid: 0, gid: 0, additionalGids: [], home: '/root' } },
    {
      name: 'a name',
      user: 'app',
      expected: { uid: 1000, gid: 1000, additionalGids: [50, 44], home: '/home/app' },
    },
    {
      name: 'name:group',
      user: 'app:staff',
      expected: { uid: 1000, gid: 50, additionalGids: [], home: '/home/app' },
    },
    {
      name: 'uid that is listed',
      user: '33',
      expected: { uid: 33, gid: 33, additionalGids: [50], home: '/var/www' },
    },
    {
      name: 'uid that is not listed runs with gid 0',
      user: '4242',
      expected: { uid: 4242, gid: 0, additionalGids: [], home: '/' },
    },
    {
      name: 'uid:gid numbers',
      user: '4242:4343',
      expected: { uid: 4242, gid: 4343, additionalGids: [], home: '/' },
    },
  ])('$name ($user)', ({ user, expected }) => {
    expect(resolveUser(user, PASSWD, GROUP)).toEqual(expected);
  });

  it('adds HostConfig.GroupAdd by name or number', () => {
    expect(resolveUser('www', PASSWD, GROUP, ['video', '99']).additionalGids).toEqual([50, 44, 99]);
  });

  it.each([
    { user: 'ghost', message: 'unable to find user ghost: no matching entries in passwd file' },
    { user: 'app:nogroup', message: 'unable to find group nogroup: no matching entries in group file' },
  ])('refuses $user (400)', ({ user, message }) => {
    expect(() => resolveUser(user, PASSWD, GROUP)).toThrow(
      expect.objectContaining({ statusCode: 400, message }),
    );
  });

  it('works without passwd and group files for root and numbers', () => {
    expect(resolveUser('', '', '')).toMatchObject({ uid: 0, gid: 0 });
    expect(resolveUser('1000:1000', '', '')).toMatchObject({ uid: 1000, gid: 1000 });
  });
});
