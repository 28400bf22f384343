/**
 * The steps of the namespace tests, one per invocation, each printing what it observed as one
 * JSON line. They run in their own process, as the unprivileged user (the test runs them through
 * runuser when it is root), because rootlesskit needs a user with subordinate ids and the
 * "second CLI call" steps must be other processes than the first. The test sets XDG_RUNTIME_DIR
 * and XDG_DATA_HOME to its own folders, so nothing here touches the user's real engine.
 *
 *   tsx namespace-steps.ts ensure-twice | ensure | inside | start-engine | stop-engine | stop-all
 */
import { execFile } from 'node:child_process';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { currentEnginePaths } from '../../../../runtime/host/current-engine-paths.js';
import { ensureNamespaces } from '../../../../runtime/host/ensure-namespaces.js';
import { nsenterArgs } from '../../../../runtime/host/nsenter-args.js';
import { startEngine } from '../../../../runtime/host/start-engine.js';
import { stopEngine } from '../../../../runtime/host/stop-engine.js';

const run = promisify(execFile);
const paths = currentEnginePaths();
const ENTRY = join(import.meta.dirname, '..', 'fixtures', 'socket-engine.mjs');

const steps: Record<string, () => Promise<unknown>> = {
  'ensure-twice': async () => {
    const [first, second] = await Promise.all([ensureNamespaces(paths), ensureNamespaces(paths)]);
    return { first: first.pausePid, second: second.pausePid };
  },
  ensure: async () => ({ pausePid: (await ensureNamespaces(paths)).pausePid }),
  inside: async () => {
    const { pausePid } = await ensureNamespaces(paths);
    const enter = async (...command: string[]) =>
      (await run('nsenter', [...nsenterArgs(pausePid), ...command], { encoding: 'utf8' })).stdout;
    return {
      pausePid,
      id: (await enter('id', '-u')).trim(),
      uidMap: (await enter('cat', '/proc/self/uid_map'))
        .trim()
        .split('\n')
        .map((line) => line.trim().split(/\s+/)),
      addresses: await enter('ip', '-o', '-4', 'addr', 'show'),
      outbound: await outboundThroughSlirp(enter),
    };
  },
  'start-engine': async () => {
    const started = await startEngine(paths, ENTRY);
    return { ...started, answer: JSON.parse(await readSocket(paths.socket)) as unknown };
  },
  'stop-engine': async () => stopEngine(paths, { graceMs: 5_000 }),
  'stop-all': async () => stopEngine(paths, { namespaces: 'stop', graceMs: 5_000 }),
};

/**
 * A TCP server on the host's 127.0.0.1, reached from inside the namespace at 10.0.2.2, slirp's
 * address for the host: proof that traffic leaves the namespace through slirp4netns, without
 * needing the internet.
 */
async function outboundThroughSlirp(enter: (...command: string[]) => Promise<string>): Promise<string> {
  const server = createServer((socket) => socket.end('hello from the host\n'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const client = `require('net').connect(${port}, '10.0.2.2').on('data', (d) => process.stdout.write(d))`;
    return (await enter(process.execPath, '-e', client)).trim();
  } finally {
    server.close();
  }
}

function readSocket(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    createConnection(path)
      .on('data', (chunk) => (text += chunk.toString()))
      .on('end', () => resolve(text))
      .on('error', reject);
  });
}

const step = steps[process.argv[2] ?? ''];
if (step === undefined) {
  process.stderr.write(`usage: namespace-steps.ts ${Object.keys(steps).join('|')}\n`);
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(await step())}\n`);
