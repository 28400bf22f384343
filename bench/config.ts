/**
 * How fast `tscompose config` loads a large project, against the two compose implementations a
 * user of this machine could use instead.
 *
 * It writes a 300-service project (bench/generate-project.ts) to a temporary directory, then
 * runs, interleaved over several rounds so that load on the machine hits every tool alike:
 *   - `node bin/tscompose.js config`  (wall clock, Node's start included; needs `npm run build`)
 *   - `docker-compose config`         (docker-compose v1, Debian package `docker-compose`)
 *   - `podman-compose --dry-run ps`   (Debian's podman-compose 1.0.3 has no `config`)
 * and prints each median and the ratios. All three find `compose.yaml` in their working
 * directory and take the project name from it, so they get no flags that could differ in meaning.
 * A tool that is not installed, or that fails on the project, is reported as such and is not
 * timed: a missing figure is never replaced by a made-up one.
 *
 * Goal (the figures): tscompose under 200 ms, at least 4x faster than docker-compose,
 * and faster than podman-compose.
 *
 * Usage: npx tsx bench/config.ts [--rounds 7] [--services 300] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { generateProject } from './generate-project.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GOAL_MS = 200;
const GOAL_VS_DOCKER_COMPOSE = 4;
const GOAL_VS_PODMAN_COMPOSE = 1;
/** A run slower than this is stopped and counted as a failure rather than waited for. */
const RUN_TIMEOUT_MS = 120_000;

interface Contender {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  /** Why it cannot run here, or undefined when it can. */
  readonly missing: () => string | undefined;
  readonly version: () => string;
}

const CONTENDERS: readonly Contender[] = [
  {
    name: 'tscompose config',
    command: process.execPath,
    args: [join(REPO, 'bin/tscompose.js'), 'config'],
    missing: () =>
      existsSync(join(REPO, 'bin/tscompose.js')) ? undefined : 'bin/tscompose.js not found (npm run build?)',
    version: () => `node ${process.version}`,
  },
  {
    name: 'docker-compose config',
    command: 'docker-compose',
    args: ['config'],
    missing: () => (onPath('docker-compose') ? undefined : 'not installed (apt-get install docker-compose)'),
    version: () => firstLine(run('docker-compose', ['--version']).stdout),
  },
  {
    name: 'podman-compose ps',
    command: 'podman-compose',
    // `--dry-run` measures only the loading: podman-compose parses the file, interpolates, merges
    // and resolves dependencies as for any command, then prints the podman command line it would
    // run (`podman ps -a --filter label=…`) instead of running it. It also skips its start-up
    // `podman --version` probe, so no podman engine or socket is involved. `ps` is the cheapest
    // command: unlike `up` it creates no pods, networks or volumes, even as printed commands.
    args: ['--dry-run', 'ps'],
    missing: () => (onPath('podman-compose') ? undefined : 'not installed (apt-get install podman-compose)'),
    version: () => firstLine(run('podman-compose', ['--dry-run', '--version']).stdout.replace(/^\[.*\n/, '')),
  },
];

interface Outcome {
  readonly contender: Contender;
  readonly times: number[];
  readonly problem?: string;
}

function main(): void {
  const rounds = numberFlag('--rounds', 7);
  const serviceCount = numberFlag('--services', 300);
  const root = mkdtempSync(join(tmpdir(), 'tscompose-bench-'));
  // The directory name is the project name for all three tools.
  const projectDir = join(root, 'bench');
  const project = generateProject(serviceCount);
  writeFiles(projectDir, project.files);

  const cores = availableParallelism();
  console.log(`tscompose config benchmark: ${project.serviceCount} services, ${rounds} rounds, interleaved`);
  console.log(`project: ${join(projectDir, 'compose.yaml')}`);
  console.log(`machine: ${cores} cores, load average ${loadavg()[0]!.toFixed(1)} at start`);
  if (buildIsStale())
    console.log('warning: src/ is newer than dist/: run `npm run build` to time the current code');

  const outcomes = CONTENDERS.map((contender) => warmUp(contender, projectDir));
  for (let round = 0; round < rounds; round++) {
    // Rotate the order so that no tool always runs right after the same other one.
    for (let i = 0; i < outcomes.length; i++) {
      const outcome = outcomes[(round + i) % outcomes.length]!;
      if (outcome.problem) continue;
      const timed = timeRun(outcome.contender, projectDir);
      if (typeof timed === 'string') Object.assign(outcome, { problem: timed });
      else outcome.times.push(timed);
    }
  }
  console.log(
    `load average ${loadavg()[0]!.toFixed(1)} at end${loadavg()[0]! > cores ? ' (busy machine: wall times are inflated)' : ''}\n`,
  );
  report(outcomes);

  if (process.argv.includes('--keep')) console.log(`\nkept ${root}`);
  else rmSync(root, { recursive: true, force: true });
}

/** One untimed run: checks that the tool works on this project and warms the page cache. */
function warmUp(contender: Contender, cwd: string): Outcome {
  const missing = contender.missing();
  if (missing) return { contender, times: [], problem: `missing: ${missing}` };
  const first = timeRun(contender, cwd);
  if (typeof first === 'string') return { contender, times: [], problem: first };
  console.log(`  ${contender.name.padEnd(24)} ${contender.version()}; first run ${first.toFixed(0)} ms`);
  return { contender, times: [] };
}

/** Milliseconds of wall clock, or why the run failed. */
function timeRun(contender: Contender, cwd: string): number | string {
  const start = performance.now();
  const result = spawnSync(contender.command, contender.args, {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: RUN_TIMEOUT_MS,
  });
  const elapsed = performance.now() - start;
  if (result.error) return `failed: ${result.error.message}`;
  if (result.signal) return `failed: killed by ${result.signal} after ${elapsed.toFixed(0)} ms`;
  if (result.status !== 0) {
    return `failed: exit ${result.status}: ${firstLine(result.stderr.toString())}`;
  }
  return elapsed;
}

function report(outcomes: readonly Outcome[]): void {
  const medians = new Map<string, number>();
  for (const { contender, times, problem } of outcomes) {
    if (problem) {
      console.log(`${contender.name.padEnd(24)} ${problem}`);
      continue;
    }
    const m = median(times);
    medians.set(contender.name, m);
    const spread = `min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}`;
    console.log(`${contender.name.padEnd(24)} median ${m.toFixed(0).padStart(6)} ms   (${spread})`);
  }
  const ours = medians.get('tscompose config');
  console.log('');
  console.log(
    verdict(
      `tscompose median under ${GOAL_MS} ms`,
      ours,
      (t) => t < GOAL_MS,
      (t) => `${t.toFixed(0)} ms`,
    ),
  );
  for (const [peer, goal, wanted] of [
    ['docker-compose config', GOAL_VS_DOCKER_COMPOSE, `>= ${GOAL_VS_DOCKER_COMPOSE}x`],
    ['podman-compose ps', GOAL_VS_PODMAN_COMPOSE, `> ${GOAL_VS_PODMAN_COMPOSE}x`],
  ] as const) {
    const theirs = medians.get(peer);
    const ratio = ours !== undefined && theirs !== undefined ? theirs / ours : undefined;
    const passes = (r: number) => (goal === 1 ? r > goal : r >= goal);
    console.log(
      verdict(`${peer.split(' ')[0]} / tscompose ${wanted}`, ratio, passes, (r) => `${r.toFixed(2)}x`),
    );
  }
}

function verdict(
  goal: string,
  value: number | undefined,
  passes: (value: number) => boolean,
  show: (value: number) => string,
): string {
  const label = `goal: ${goal}`.padEnd(44);
  if (value === undefined) return `${label} n/a (a tool is missing or failed)`;
  return `${label} ${show(value).padStart(9)}  ${passes(value) ? 'PASS' : 'FAIL'}`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function writeFiles(dir: string, files: Readonly<Record<string, string>>): void {
  for (const [path, content] of Object.entries(files)) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}

/** True when a file under src/ changed after the build that bin/tscompose.js runs. */
function buildIsStale(): boolean {
  const built = statSync(join(REPO, 'dist/src/cli/main.js'), { throwIfNoEntry: false });
  if (!built) return false;
  const newest = readdirSync(join(REPO, 'src'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs);
  return Math.max(...newest) > built.mtimeMs;
}

function onPath(command: string): boolean {
  return run('sh', ['-c', `command -v ${command}`]).status === 0;
}

function run(command: string, args: readonly string[]): { status: number | null; stdout: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: result.status, stdout: result.stdout ?? '' };
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.trim() ?? '';
}

function numberFlag(flag: string, fallback: number): number {
  const index = process.argv.indexOf(flag);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} wants a positive integer`);
  return value;
}

main();
