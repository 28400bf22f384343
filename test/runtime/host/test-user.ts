/**
 * Who runs the namespace tests. rootlesskit wants an ordinary user with subordinate ids: the
 * current user when the tests are not root, else the e2e user (`tsctest`, made by
 * scripts/create-test-user.sh; TSCOMPOSE_TEST_USER names another). As root without that user the
 * namespace tests skip, and say why.
 */
import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
const TSX = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

export type TestUser =
  | { kind: 'self' }
  | { kind: 'other'; name: string; uid: number; gid: number; home: string }
  | { kind: 'unavailable'; reason: string };

export async function findTestUser(): Promise<TestUser> {
  if (process.getuid?.() !== 0) return { kind: 'self' };
  const name = process.env.TSCOMPOSE_TEST_USER ?? 'tsctest';
  try {
    const { stdout } = await run('getent', ['passwd', name], { encoding: 'utf8' });
    const [, , uid, gid, , home] = stdout.trim().split(':');
    return { kind: 'other', name, uid: Number(uid), gid: Number(gid), home: home ?? `/home/${name}` };
  } catch (error) {
    // getent exits 2 for an unknown user.
    return {
      kind: 'unavailable',
      reason:
        `running as root and the test user ${name} does not exist (${(error as Error).message.trim()}): ` +
        `create it with scripts/create-test-user.sh ${name}`,
    };
  }
}

/** A fresh folder the test user owns. */
export function makeUserTempDir(user: TestUser, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (user.kind === 'other') chownSync(dir, user.uid, user.gid);
  return dir;
}

/** Runs a TypeScript script as the test user, with the given environment on top of a minimal one. */
export async function runAsTestUser(
  user: TestUser,
  script: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<string> {
  const base = {
    PATH: `${join(process.execPath, '..')}:/usr/local/bin:/usr/bin:/bin`,
    HOME: user.kind === 'other' ? user.home : (process.env.HOME ?? '/'),
    ...env,
  };
  const command = [TSX, script, ...args];
  const { stdout } =
    user.kind === 'other'
      ? await run('runuser', ['-u', user.name, '--', 'env', '-i', ...toAssignments(base), ...command], {
          encoding: 'utf8',
          cwd: REPO_ROOT,
        })
      : await run(command[0] ?? TSX, command.slice(1), { encoding: 'utf8', cwd: REPO_ROOT, env: base });
  return stdout;
}

function toAssignments(env: Readonly<Record<string, string>>): string[] {
  return Object.entries(env).map(([key, value]) => `${key}=${value}`);
}
