/**
 * How fast `tscompose up -d --wait` brings up a project and `tscompose down -t 0` removes it,
 * against podman-compose on the same file.
 *
 * The project is bench/fixtures/up/compose.yaml: 10 services, a 3-level depends_on graph, one
 * healthcheck with a 1 s interval that the other nine wait for (`service_healthy`). Its image is
 * the tests' busybox (scripts/build-test-image.sh), pushed to the demo registry on 127.0.0.1
 * (scripts/start-demo-registry.sh) and pulled by both tools before anything is timed. Then, over
 * several rounds, interleaved so that load on the machine hits both alike:
 *   - `node bin/tscompose.js up -d --wait` then `down -t 0`   (wall clock, Node's start included)
 *   - `podman-compose up -d` then `podman-compose down -t 0`  (Debian's podman-compose 1.0.3)
 * and prints each median and minimum, the ratios and the issue's goals.
 *
 * podman is configured for this host by files in a temporary folder, never in /etc: runc,
 * cgroupfs, overlay storage under the folder, CNI configs under the folder, the 127.0.0.1
 * registry as insecure (CONTAINERS_CONF, CONTAINERS_STORAGE_CONF, CONTAINERS_REGISTRIES_CONF).
 * A tool that is missing or fails is reported as such and not timed: a missing figure is never
 * replaced by a made-up one.
 *
 * Usage: npx tsx bench/up.ts [--rounds 5] [--keep]   (needs `npm run build`)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const COMPOSE_FILE = join(REPO, 'bench/fixtures/up/compose.yaml');
const PROJECT = 'benchup';
const SERVICE_COUNT = 10;
const GOAL_UP_MS = 1500;
const GOAL_UP_VS_PODMAN = 5;
const GOAL_DOWN_MS = 700;
/** A run slower than this is stopped and counted as a failure rather than waited for. */
const RUN_TIMEOUT_MS = 180_000;
const PODMAN_NOTE =
  "Debian's podman-compose 1.0.3 sleeps 1 s after each container it starts and does not wait for healthchecks";

interface Tool {
  readonly name: string;
  readonly up: readonly string[];
  readonly down: readonly string[];
  /** Names of this project's running containers, to check that `up` did its job. */
  readonly running: () => string[];
  readonly env: NodeJS.ProcessEnv;
  readonly version: string;
}

interface Timings {
  readonly name: string;
  readonly tool?: Tool;
  readonly up: number[];
  readonly down: number[];
  problem?: string;
}

function main(): void {
  const rounds = numberFlag('--rounds', 5);
  const work = mkdtempSync(join(tmpdir(), 'tscompose-bench-up-'));
  const cores = availableParallelism();
  try {
    const registry = capture('bash', [join(REPO, 'scripts/start-demo-registry.sh')]).trim();
    const image = `${registry}/bench/busybox:latest`;
    run('bash', [join(REPO, 'scripts/build-test-image.sh'), image]);
    const env = { ...process.env, BENCH_IMAGE: image };

    console.log(`tscompose up/down benchmark: ${SERVICE_COUNT} services, ${rounds} rounds, interleaved`);
    console.log(`project: ${COMPOSE_FILE} (image ${image})`);
    console.log(`machine: ${cores} cores, load average ${loadavg()[0]!.toFixed(1)} at start`);

    const timings = [tscomposeTool(env), podmanComposeTool(env, join(work, 'podman'))].map(prepare);
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < timings.length; i++) {
        const timing = timings[(round + i) % timings.length]!;
        if (!timing.problem) timeRound(timing);
      }
    }
    console.log(
      `load average ${loadavg()[0]!.toFixed(1)} at end${loadavg()[0]! > cores ? ' (busy machine: wall times are inflated)' : ''}\n`,
    );
    report(timings);
  } finally {
    if (process.argv.includes('--keep')) console.log(`\nkept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

function tscomposeTool(env: NodeJS.ProcessEnv): Tool | string {
  const bin = join(REPO, 'bin/tscompose.js');
  if (!existsSync(bin)) return 'tscompose: bin/tscompose.js not found (npm run build?)';
  const base = [bin, '-p', PROJECT, '-f', COMPOSE_FILE, '--progress', 'quiet'];
  const pull = timed([process.execPath, ...base, 'pull'], env);
  if (typeof pull === 'string') return `tscompose: pull ${pull}`;
  return {
    name: 'tscompose',
    up: [process.execPath, ...base, 'up', '-d', '--wait'],
    down: [process.execPath, ...base, 'down', '-t', '0'],
    running: () => lines(capture(process.execPath, [...base, 'ps', '-q'], env)),
    env,
    version: `node ${process.version}`,
  };
}

/** podman-compose with podman configured for this host by files in `dir` (see the top). */
function podmanComposeTool(baseEnv: NodeJS.ProcessEnv, dir: string): Tool | string {
  for (const program of ['podman', 'podman-compose']) {
    if (spawnSync('sh', ['-c', `command -v ${program}`]).status !== 0) {
      return `podman-compose: ${program} is not installed (apt-get install podman-compose)`;
    }
  }
  const env = { ...baseEnv, ...writePodmanConfig(dir, String(baseEnv.BENCH_IMAGE).split('/')[0]!) };
  const base = ['-p', PROJECT, '-f', COMPOSE_FILE];
  const pull = spawnSync('podman', ['pull', '-q', String(env.BENCH_IMAGE)], { env, encoding: 'utf8' });
  if (pull.status !== 0) return `podman-compose: podman pull failed: ${firstLine(pull.stderr)}`;
  return {
    name: 'podman-compose',
    up: ['podman-compose', ...base, 'up', '-d'],
    down: ['podman-compose', ...base, 'down', '-t', '0'],
    running: () =>
      lines(capture('podman', ['ps', '-q', '--filter', `label=io.podman.compose.project=${PROJECT}`], env)),
    env,
    // It prints podman's command lines and version too; the line wanted is `podman-composer version  1.0.3`.
    version: `podman-compose ${/podman-composer? version\s+(\S+)/.exec(capture('podman-compose', ['--version'], env))?.[1] ?? '?'}`,
  };
}

/**
 * The three podman config files, and the environment that points podman at them. The ulimits:
 * podman as root asks for nofile and nproc of 1048576, which this host's runc may not grant
 * (EPERM in the sandbox); any value that does not raise the current hard limit works.
 */
function writePodmanConfig(dir: string, registry: string): NodeJS.ProcessEnv {
  const files = {
    'containers.conf': [
      '[containers]',
      'default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]',
      'log_driver = "k8s-file"',
      '[engine]',
      'runtime = "runc"',
      'cgroup_manager = "cgroupfs"',
      'events_logger = "file"',
      `tmp_dir = "${dir}/tmp"`,
      '[network]',
      'network_backend = "cni"',
      `network_config_dir = "${dir}/cni"`,
    ],
    'storage.conf': [
      '[storage]',
      'driver = "overlay"',
      `graphroot = "${dir}/storage"`,
      `runroot = "${dir}/run"`,
    ],
    'registries.conf': [
      'unqualified-search-registries = []',
      '[[registry]]',
      `location = "${registry}"`,
      'insecure = true',
    ],
  };
  spawnSync('mkdir', ['-p', dir, join(dir, 'cni'), join(dir, 'tmp')]);
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(dir, name), `${content.join('\n')}\n`);
  return {
    CONTAINERS_CONF: join(dir, 'containers.conf'),
    CONTAINERS_STORAGE_CONF: join(dir, 'storage.conf'),
    CONTAINERS_REGISTRIES_CONF: join(dir, 'registries.conf'),
  };
}

/** One untimed up/down (images are already pulled) that checks that the tool works. */
function prepare(tool: Tool | string): Timings {
  if (typeof tool === 'string') return { name: tool.split(':')[0]!, up: [], down: [], problem: tool };
  const timings: Timings = { name: tool.name, tool, up: [], down: [] };
  // A leftover from an interrupted run would make the first `up` a no-op.
  timed(tool.down, tool.env);
  const up = timed(tool.up, tool.env);
  if (typeof up === 'string') return { ...timings, problem: `up ${up}` };
  const running = tool.running();
  const down = timed(tool.down, tool.env);
  if (typeof down === 'string') return { ...timings, problem: `down ${down}` };
  if (running.length !== SERVICE_COUNT) {
    return { ...timings, problem: `up started ${running.length} of ${SERVICE_COUNT} containers` };
  }
  console.log(
    `  ${tool.name.padEnd(16)} ${tool.version}; first up ${up.toFixed(0)} ms, down ${down.toFixed(0)} ms`,
  );
  return timings;
}

function timeRound(timing: Timings): void {
  const tool = timing.tool!;
  const up = timed(tool.up, tool.env);
  if (typeof up === 'string') {
    timing.problem = `up ${up}`;
    return;
  }
  const down = timed(tool.down, tool.env);
  if (typeof down === 'string') {
    timing.problem = `down ${down}`;
    return;
  }
  timing.up.push(up);
  timing.down.push(down);
}

/** Milliseconds of wall clock, or why the run failed. */
function timed(command: readonly string[], env: NodeJS.ProcessEnv): number | string {
  const start = performance.now();
  const result = spawnSync(command[0]!, command.slice(1), {
    cwd: REPO,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: RUN_TIMEOUT_MS,
  });
  const elapsed = performance.now() - start;
  if (result.error) return `failed: ${result.error.message}`;
  if (result.signal) return `failed: killed by ${result.signal} after ${elapsed.toFixed(0)} ms`;
  if (result.status !== 0) return `failed: exit ${result.status}: ${lastLine(result.stderr.toString())}`;
  return elapsed;
}

function report(timings: readonly Timings[]): void {
  const medians = new Map<string, { up: number; down: number }>();
  for (const { name, up, down, problem } of timings) {
    if (problem) {
      console.log(`${name.padEnd(16)} ${problem}`);
      continue;
    }
    const figures = { up: median(up), down: median(down) };
    medians.set(name, figures);
    const note = name === 'podman-compose' ? `\n${' '.repeat(17)}(${PODMAN_NOTE})` : '';
    console.log(
      `${name.padEnd(16)} up median ${ms(figures.up)} (min ${ms(Math.min(...up))})   ` +
        `down median ${ms(figures.down)} (min ${ms(Math.min(...down))})${note}`,
    );
  }
  const ours = medians.get('tscompose');
  const theirs = medians.get('podman-compose');
  console.log('');
  console.log(verdict(`tscompose up -d --wait under ${GOAL_UP_MS} ms`, ours?.up, (t) => t < GOAL_UP_MS, ms));
  console.log(
    verdict(
      `podman-compose up / tscompose up >= ${GOAL_UP_VS_PODMAN}x`,
      ours && theirs ? theirs.up / ours.up : undefined,
      (r) => r >= GOAL_UP_VS_PODMAN,
      (r) => `${r.toFixed(2)}x`,
    ),
  );
  console.log(
    verdict(`tscompose down -t 0 under ${GOAL_DOWN_MS} ms`, ours?.down, (t) => t < GOAL_DOWN_MS, ms),
  );
  if (ours && theirs) {
    console.log(`(podman-compose down / tscompose down: ${(theirs.down / ours.down).toFixed(2)}x; no goal)`);
  }
}

function verdict(
  goal: string,
  value: number | undefined,
  passes: (value: number) => boolean,
  show: (value: number) => string,
): string {
  const label = `goal: ${goal}`.padEnd(52);
  if (value === undefined) return `${label} n/a (a tool is missing or failed)`;
  return `${label} ${show(value).padStart(9)}  ${passes(value) ? 'PASS' : 'FAIL'}`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function ms(value: number): string {
  return `${value.toFixed(0)} ms`;
}

/** Runs a set-up step; its failure ends the bench with the step's own message. */
function run(command: string, args: readonly string[]): void {
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

function capture(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  const result = spawnSync(command, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (exit ${result.status}): ${lastLine(result.stderr ?? '')}`,
    );
  }
  return result.stdout;
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.trim() ?? '';
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1)?.trim() ?? '';
}

function numberFlag(flag: string, fallback: number): number {
  const index = process.argv.indexOf(flag);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} wants a positive integer`);
  return value;
}

main();
