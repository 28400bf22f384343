/**
 * Containers for real: busybox under runc and conmon, inside the user's rootlesskit namespaces,
 * as the unprivileged test user (through runuser when the tests run as root). Each step is its own
 * process (scenarios/container-steps.ts), so "the process that started the container" can exit and
 * a later one must find the container again, as after an engine restart.
 *
 * Intent: the container's root is the user's uid on the host, it has Docker's capabilities and
 * masked /proc paths and cannot read the host root's files through a bind mount; restart policies,
 * healthchecks, stop signals, logs and volumes behave as in Docker; containers outlive the process
 * that started them. The same suite runs with native overlay and with fuse-overlayfs.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTestUser, makeUserTempDir, runAsTestUser, type TestUser } from '../host/test-user.js';

const ENTER = join(import.meta.dirname, 'scenarios', 'enter-namespace.ts');
const user = await findTestUser();
const isRoot = process.getuid?.() === 0;

/** Docker's default capabilities as /proc/<pid>/status prints them. */
const DOCKER_CAP_EFF = '00000000a80425fb';

describe.skipIf(user.kind === 'unavailable').each(['overlay', 'fuse-overlayfs'])(
  'containers with %s',
  (driver) => {
    let root: string;
    let env: Record<string, string>;
    const step = async <T>(name: string, ...args: string[]): Promise<T> => {
      const output = await runAsTestUser(user, ENTER, [name, ...args], env);
      return JSON.parse(output.trim().split('\n').at(-1) ?? 'null') as T;
    };

    beforeAll(() => {
      root = makeUserTempDir(user, 'tsc-containers-');
      env = {
        XDG_RUNTIME_DIR: join(root, 'run'),
        XDG_DATA_HOME: join(root, 'data'),
        TSC_TEST_STORAGE_DRIVER: driver,
      };
    });

    afterAll(async () => {
      if (root === undefined) return;
      await step('cleanup');
      await step('stop-namespaces');
      expect(processesMentioning(root)).toEqual([]);
      rmSync(root, { recursive: true, force: true });
    }, 60_000);

    it('root in the container is the user on the host; Docker capabilities; masked /proc; the /etc files', async () => {
      const secretDir = isRoot ? hostRootSecret(root) : '';
      const result = await step<{
        exitCode: number;
        logs: string;
        inspect: { Driver: string; Mounts: { Destination: string; RW: boolean }[] };
      }>('identity', secretDir);
      const lines = parseLines(result.logs);
      expect(result.exitCode).toBe(0);
      expect(lines.uid_map).toBe(` 0 ${hostUid(user)} 1`);
      expect(lines.id).toBe('0');
      expect(lines['CapEff:\t']).toBe(DOCKER_CAP_EFF);
      expect(result.inspect.Driver).toBe(driver === 'overlay' ? 'overlay2' : 'fuse-overlayfs');

      // Masked paths: each one the kernel has is covered (by /dev/null or an empty read-only
      // tmpfs); /proc/kcore reads as nothing either way (this kernel may not have it at all).
      const mounts = mountTargets(result.logs);
      for (const path of [
        '/proc/kcore',
        '/proc/keys',
        '/proc/timer_list',
        '/proc/acpi',
        '/proc/interrupts',
        '/sys/firmware',
      ]) {
        if (existsSync(path)) expect(mounts, `${path} should be masked`).toContain(path);
      }
      expect(lines.kcore_bytes).toBe('0');
      if (existsSync('/proc/kcore')) expect(lines.kcore_exists).toBe('yes');
      for (const path of ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys']) expect(mounts).toContain(path);
      expect(lines.sys_ro).toBe('yes');

      expect(lines.hostname).toBe('probe');
      expect(lines.hosts).toBe('2');
      expect(lines.resolv).toMatch(/^nameserver /);
      if (isRoot) {
        // A file of the host's root, mode 0600, bind-mounted: root in the container is not root.
        expect(lines.secret).toBe('denied');
        expect(result.inspect.Mounts).toEqual([
          expect.objectContaining({ Destination: '/secret', RW: false }),
        ]);
      }
    });

    it('a container user runs as the matching subordinate uid on the host', async () => {
      const started = await step<{ id: string; pid: number; statusUid: string }>('user-start');
      expect(started.statusUid).toBe('1000');
      const hostView = readFileSync(`/proc/${started.pid}/status`, 'utf8');
      expect(hostView).toMatch(new RegExp(`^Uid:\\s+${firstSubuid(user) + 999}\\s`, 'm'));
      await step('remove', started.id);
    });

    it('on-failure:3 restarts exactly three times, then stays exited', async () => {
      const result = await step<{
        restartCount: number;
        state: { Status: string; ExitCode: number };
        actions: string[];
        runs: number;
      }>('on-failure');
      expect(result.restartCount).toBe(3);
      expect(result.state).toMatchObject({ Status: 'exited', ExitCode: 3 });
      expect(result.actions.filter((action) => action === 'start')).toHaveLength(4);
      expect(result.runs).toBe(4);
    });

    it('a failing healthcheck turns unhealthy within interval × retries; a passing one healthy', async () => {
      const result = await step<{
        startingStatus: string;
        unhealthyAfterMs: number;
        healthyAfterMs: number;
        failed: { Status: string; FailingStreak: number; Log: { ExitCode: number; Output: string }[] };
        status: string;
      }>('healthcheck');
      expect(result.startingStatus).toBe('starting');
      // Interval 1 s, 3 retries: three probes at 1, 2 and 3 s; allow the probes' own run time.
      expect(result.unhealthyAfterMs).toBeGreaterThanOrEqual(3000);
      expect(result.unhealthyAfterMs).toBeLessThan(3000 + 1500);
      expect(result.failed).toMatchObject({ Status: 'unhealthy', FailingStreak: 3 });
      expect(result.failed.Log.at(-1)).toMatchObject({ ExitCode: 1, Output: 'probing\n' });
      expect(result.healthyAfterMs).toBeLessThan(2000);
      expect(result.status).toMatch(/^Up \d+ seconds \(unhealthy\)$/);
    });

    it('stop: the stop signal, then SIGKILL after the timeout; a stopped container is 304', async () => {
      const result = await step<
        Record<string, { ms: number; exitCode: number; actions: string[]; logs?: string }> & {
          stopAgain: number;
        }
      >('stop');
      // sleep as PID 1 ignores SIGTERM: killed after the 1 s timeout.
      expect(result.stubborn?.exitCode).toBe(137);
      expect(result.stubborn?.ms).toBeGreaterThanOrEqual(1000);
      expect(result.stubborn?.actions.slice(-4)).toEqual(['kill', 'kill', 'die', 'stop']);
      expect(result.polite).toMatchObject({ exitCode: 5, logs: 'ready\nbye\n' });
      expect(result.polite?.ms).toBeLessThan(1000);
      expect(result.custom?.exitCode).toBe(7);
      expect(result.stopAgain).toBe(304);
    });

    it('logs: follow streams stdout and stderr as written and ends with the container; tail; stream choice', async () => {
      const result = await step<{
        followed: { stream: string; text: string }[];
        tail: string;
        stdoutOnly: string;
        running: boolean;
      }>('logs');
      expect(result.followed).toEqual(
        [1, 2, 3].flatMap((i) => [
          { stream: 'stdout', text: `out${i}\n` },
          { stream: 'stderr', text: `err${i}\n` },
        ]),
      );
      expect(result.running).toBe(false);
      expect(result.tail).toBe('out3\nerr3\n');
      expect(result.stdoutOnly).toBe('out1\nout2\nout3\n');
    });

    it('named volumes keep data between containers and cannot be removed while in use', async () => {
      const result = await step<{
        reader: { logs: string };
        inUse: string;
        anonymousGone: boolean;
        left: string[];
      }>('volumes');
      expect(result.reader.logs).toBe('kept\n');
      expect(result.inUse).toMatch(
        /^409: remove shared-data: volume is in use - \[[0-9a-f]{64}, [0-9a-f]{64}\]$/,
      );
      expect(result.anonymousGone).toBe(true);
      expect(result.left).toEqual([]);
    });

    it('a container outlives the process that started it; a later process finds it running', async () => {
      const started = await step<{ id: string; pid: number; starterPid: number }>(
        'start-detached',
        'survivor',
      );
      expect(isAlive(started.starterPid)).toBe(false);
      expect(isAlive(started.pid)).toBe(true);
      const found = await step<{ state: { Running: boolean; Pid: number }; logs: string }>(
        'inspect',
        'survivor',
      );
      expect(found.state).toMatchObject({ Running: true, Pid: started.pid });
      expect(found.logs).toBe('started\n');
      await step('remove', 'survivor');
      expect(isAlive(started.pid)).toBe(false);
    });

    it('an exit while no process watched is recorded by the next one, with its code', async () => {
      await step('start-detached', 'brief', 'sleep 1; exit 4');
      await waitFor(async () => {
        const found = await step<{ state: { Status: string; ExitCode: number } }>('inspect', 'brief');
        return found.state.Status === 'exited' ? found.state.ExitCode : undefined;
      }).then((code) => expect(code).toBe(4));
      await step('remove', 'brief');
    });
  },
);

function parseLines(logs: string): Record<string, string> {
  const lines: Record<string, string> = {};
  for (const line of logs.split('\n')) {
    const match = /^([a-z_]+=|CapEff:\t)(.*)$/.exec(line);
    if (match) lines[match[1]?.replace(/=$/, '') ?? ''] = match[2] ?? '';
  }
  return lines;
}

/** Mount points from the container's /proc/self/mountinfo, printed at the end of its log. */
function mountTargets(logs: string): string[] {
  return logs
    .split('\n')
    .filter((line) => / - /.test(line))
    .map((line) => line.split(' ')[4] ?? '');
}

function hostRootSecret(root: string): string {
  const dir = join(root, 'secret');
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'file'), 'host root only\n', { mode: 0o600 });
  return dir;
}

function hostUid(testUser: TestUser): number {
  return testUser.kind === 'other' ? testUser.uid : (process.getuid?.() ?? -1);
}

function firstSubuid(testUser: TestUser): number {
  const name =
    testUser.kind === 'other' ? testUser.name : execFileSync('id', ['-un'], { encoding: 'utf8' }).trim();
  const line = readFileSync('/etc/subuid', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${name}:`) || entry.startsWith(`${hostUid(testUser)}:`));
  return Number(line?.split(':')[1]);
}

function isAlive(pid: number): boolean {
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    // ENOENT: no such process.
    return false;
  }
}

function processesMentioning(text: string): string[] {
  return execFileSync('ps', ['-eo', 'pid=,stat=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(text) && !/^\s*\d+\s+Z/.test(line));
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
  }
}
