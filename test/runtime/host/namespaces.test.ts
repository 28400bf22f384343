/**
 * The namespaces and the engine's start, for real: rootlesskit with slirp4netns holding
 * `catatonit -P`, joined with nsenter, and a stand-in engine (fixtures/socket-engine.mjs) started
 * inside them. Each step runs in its own process as the unprivileged test user (see test-user.ts
 * and scenarios/namespace-steps.ts), in folders of its own, so a user's real engine is untouched.
 *
 * Intent: one pause process per user, shared by racing and later callers; inside it we are
 * uid 0 mapped onto our own uid and subordinate range, with outbound network through slirp; the
 * engine runs there, survives its starter, is found again, and can be stopped without losing the
 * namespaces.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTestUser, makeUserTempDir, runAsTestUser, type TestUser } from './test-user.js';

const STEPS = join(import.meta.dirname, 'scenarios', 'namespace-steps.ts');
const user = await findTestUser();

describe.skipIf(user.kind === 'unavailable')(
  'namespaces as an unprivileged user',
  { timeout: 60_000 },
  () => {
    let root: string;
    let env: Record<string, string>;
    const step = async (name: string) => JSON.parse(await runAsTestUser(user, STEPS, [name], env)) as unknown;

    beforeAll(() => {
      root = makeUserTempDir(user, 'tsc-host-');
      env = { XDG_RUNTIME_DIR: join(root, 'run'), XDG_DATA_HOME: join(root, 'data') };
    });

    afterAll(async () => {
      if (root === undefined) return;
      await step('stop-all');
      expect(rootlesskitProcesses(join(root, 'run'))).toEqual([]);
      rmSync(root, { recursive: true, force: true });
    });

    it('racing callers share one rootlesskit, and a later process reuses its pause process', async () => {
      const raced = (await step('ensure-twice')) as { first: number; second: number };
      expect(raced.second).toBe(raced.first);
      const later = (await step('ensure')) as { pausePid: number };
      expect(later.pausePid).toBe(raced.first);
      // One rootlesskit parent and its child, nothing more, for this state dir.
      expect(rootlesskitProcesses(join(root, 'run'))).toHaveLength(2);
    });

    it('nsenter makes us uid 0, mapped onto our uid and subordinate range, with slirp outbound', async () => {
      const inside = (await step('inside')) as {
        id: string;
        uidMap: string[][];
        addresses: string;
        outbound: string;
      };
      expect(inside.id).toBe('0');
      expect(inside.uidMap[0]).toEqual(['0', String(hostUid(user)), '1']);
      expect(inside.uidMap[1]?.[0]).toBe('1');
      expect(inside.addresses).toMatch(/tap0\s+inet 10\.0\.2\.100\/24/);
      expect(inside.outbound).toBe('hello from the host');
    });

    it('startEngine runs the entry inside the namespaces and returns once the socket answers', async () => {
      const { pausePid } = (await step('ensure')) as { pausePid: number };
      const started = (await step('start-engine')) as {
        pid: number;
        how: string;
        pausePid: number;
        answer: { pid: number; uid: number; hostUid: string; netDevices: string[] };
      };
      expect(started).toMatchObject({ how: 'started', pausePid });
      expect(started.answer).toMatchObject({ pid: started.pid, uid: 0, hostUid: String(hostUid(user)) });
      expect(started.answer.netDevices).toContain('tap0');
      expect(Number(readFileSync(join(root, 'run', 'tscompose', 'engine.pid'), 'utf8'))).toBe(started.pid);

      const again = (await step('start-engine')) as { pid: number; how: string };
      expect(again).toMatchObject({ how: 'running', pid: started.pid });
    });

    it('stopEngine ends the engine and keeps the namespaces; the next start finds them', async () => {
      const { pausePid } = (await step('ensure')) as { pausePid: number };
      const running = (await step('start-engine')) as { pid: number };
      expect(await step('stop-engine')).toEqual({ engine: 'terminated', namespaces: 'kept' });
      expect(processExists(running.pid)).toBe(false);
      expect(await step('stop-engine')).toEqual({ engine: 'not-running', namespaces: 'kept' });
      const next = (await step('start-engine')) as { pid: number; how: string; pausePid: number };
      expect(next).toMatchObject({ how: 'started', pausePid });
      expect(next.pid).not.toBe(running.pid);
    });

    it('after the engine is SIGKILLed, the next start replaces it in the same namespaces', async () => {
      const first = (await step('start-engine')) as { pid: number; pausePid: number };
      process.kill(first.pid, 'SIGKILL');
      await expect.poll(() => processExists(first.pid)).toBe(false);
      const next = (await step('start-engine')) as { pid: number; how: string; pausePid: number };
      expect(next).toMatchObject({ how: 'started', pausePid: first.pausePid });
      expect(next.pid).not.toBe(first.pid);
    });
  },
);

function hostUid(who: TestUser): number {
  return who.kind === 'other' ? who.uid : (process.getuid?.() ?? -1);
}

/** Pids of rootlesskit processes (parent and child) whose state dir lies under a folder. */
function rootlesskitProcesses(under: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`--state-dir=${under}`);
      } catch (error) {
        // ENOENT/ESRCH: the process exited while we listed /proc.
        if (['ENOENT', 'ESRCH'].includes((error as NodeJS.ErrnoException).code ?? '')) return false;
        throw error;
      }
    })
    .map(Number);
}

function processExists(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
