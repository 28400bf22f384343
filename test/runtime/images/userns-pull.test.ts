// The image store as the engine runs it: uid 0 in a user namespace with the user's subordinate
// ids (`unshare --map-auto`, the mapping rootlesskit makes), pulling from the real registry.
// Owners are kept (as mapped uids on the host), whiteouts are 0:0 devices and opaque folders
// carry `user.overlay.opaque`, and both native overlay (with `userxattr`) and fuse-overlayfs
// read them that way. Runs as an unprivileged user (the test user when the suite is root);
// skipped, with the reason, where there is none or no registry tools.
import { execFile } from 'node:child_process';
import { chownSync, lstatSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTestUser, makeUserTempDir, REPO_ROOT, type TestUser } from '../host/test-user.js';
import { missingRegistryProgram, startRegistry, type TestRegistry } from '../../support/registry.js';
import { buildTar, gzip, sha256 } from './layer-tar.js';
import { blob, imageBlobs, pushLayout } from './oci-layout.js';

const run = promisify(execFile);
const TSX = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const SCRIPT = join(import.meta.dirname, 'fixtures', 'pull-in-userns.ts');

/**
 * The command prefix that runs as the test user inside a fresh user + mount namespace. TMPDIR is
 * the user's own: tsx keeps a pipe in /tmp/tsx-<uid>, and uid 0 there would mean root's folder.
 */
const inUserns = (user: TestUser, tmp = '/tmp'): string[] => [
  ...(user.kind === 'other' ? ['runuser', '-u', user.name, '--'] : []),
  'env',
  ...(user.kind === 'other' ? [`HOME=${user.home}`] : []),
  `TMPDIR=${tmp}`,
  'unshare',
  '--user',
  '--map-root-user',
  '--map-auto',
  '--mount',
];

async function whyNot(user: TestUser): Promise<string | undefined> {
  if (user.kind === 'unavailable') return user.reason;
  const missing = await missingRegistryProgram();
  if (missing) return `${missing} is missing`;
  try {
    await run(inUserns(user)[0] ?? 'unshare', [...inUserns(user).slice(1), 'true']);
  } catch (error) {
    return `unshare --map-auto fails for the test user (no /etc/subuid range?): ${(error as Error).message.trim()}`;
  }
  return undefined;
}

const user = await findTestUser();
const reason = await whyNot(user);

describe.skipIf(reason !== undefined)(
  `pulling inside a user namespace${reason ? ` (skipped: ${reason})` : ''}`,
  () => {
    let registry: TestRegistry;
    let reference: string;
    let dataDir: string;
    let result: {
      uidMap: string;
      layers: string[];
      owned: { uid: number; gid: number; mode: number };
      nobody: { uid: number; gid: number; mode: number };
      suid: { uid: number; gid: number; mode: number };
      whiteout: { char: boolean; rdev: number };
      opaque: string;
      mounts: Record<string, unknown>;
    };

    beforeAll(async () => {
      registry = await startRegistry();
      const lowerTar = await buildTar([
        { name: 'home/owned', content: 'mine', uid: 1000, gid: 1000, mode: 0o640 },
        { name: 'home/nobody', content: 'nobody', uid: 65534, gid: 65534 },
        { name: 'bin/suid', content: 'x', mode: 0o4755 },
        { name: 'var/cache/file', content: 'cached' },
        { name: 'var/log', type: 'directory' },
        { name: 'opt/app/old', content: 'old' },
      ]);
      const upperTar = await buildTar([
        { name: 'var/.wh.cache', content: '' },
        { name: 'opt/app/.wh..wh..opq', content: '' },
        { name: 'opt/app/new', content: 'new' },
      ]);
      const layers = [
        blob('application/vnd.oci.image.layer.v1.tar+gzip', gzip(lowerTar)),
        blob('application/vnd.oci.image.layer.v1.tar+gzip', gzip(upperTar)),
      ];
      const { config, manifest } = imageBlobs(layers, [sha256(lowerTar), sha256(upperTar)]);
      dataDir = makeUserTempDir(user, 'tscompose-userns-');
      reference = `${registry.host}/owners:latest`;
      await pushLayout(join(dataDir, 'layout'), [...layers, config, manifest], manifest, reference);
      const tmp = join(dataDir, 'tmp');
      mkdirSync(tmp);
      if (user.kind === 'other') chownSync(tmp, user.uid, user.gid);
      const command = [...inUserns(user, tmp), process.execPath, TSX, SCRIPT, dataDir, reference];
      const { stdout } = await run(command[0] ?? '', command.slice(1), { cwd: REPO_ROOT, encoding: 'utf8' });
      result = JSON.parse(stdout) as typeof result;
    }, 120_000);

    afterAll(async () => {
      await registry?.stop();
      if (!dataDir) return;
      // Files of subordinate uids: root removes them; an unprivileged user only from inside the namespace.
      if (process.getuid?.() === 0) rmSync(dataDir, { recursive: true, force: true });
      else await run('unshare', ['--user', '--map-root-user', '--map-auto', 'rm', '-rf', dataDir]);
    });

    it('runs as uid 0 with the subordinate range mapped', () => {
      expect(result.uidMap).toMatch(/^\s*0\s+\d+\s+1\n\s*1\s+\d+\s+\d+/);
    });

    it('keeps owners and modes, set-uid included', () => {
      expect(result.owned).toEqual({ uid: 1000, gid: 1000, mode: 0o640 });
      expect(result.nobody).toMatchObject({ uid: 65534, gid: 65534 });
      expect(result.suid).toEqual({ uid: 0, gid: 0, mode: 0o4755 });
    });

    it('owns the files as the mapped host uids, seen from outside', () => {
      const [, outsideFirst = '0'] = /^\s*1\s+(\d+)/m.exec(result.uidMap) ?? [];
      const owned = lstatSync(join(result.layers[0] ?? '', 'home/owned'));
      expect(owned.uid).toBe(Number(outsideFirst) + 1000 - 1);
    });

    it('writes whiteouts as 0:0 devices and opaque folders as user.overlay.opaque', () => {
      expect(result.whiteout).toEqual({ char: true, rdev: 0 });
      expect(result.opaque).toBe('y');
    });

    it.each(['overlay', 'fuse-overlayfs'])('%s shows the whiteout and the opaque folder', (driver) => {
      expect(result.mounts[driver]).toEqual({ var: ['log'], optApp: ['new'] });
    });
  },
);
