/**
 * The CLI's side of the socket (src/engine): DOCKER_HOST parsing, the dockerode client that
 * connectEngine returns, driven against the API server over the in-memory fakes (the same
 * client `up` will use), and EngineError's reading of dockerode's failures. Lives here because
 * the server it talks to is this folder's; the lead may move it to test/engine/.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it, onTestFinished } from 'vitest';
import { connectEngine } from '../../../src/engine/connect.js';
import { parseDockerHost } from '../../../src/engine/docker-host.js';
import { EngineError, toEngineError } from '../../../src/engine/engine-error.js';
import { engineEntry } from '../../../runtime/engine-launcher.js';
import { startTestServer } from './test-server.js';

describe('parseDockerHost', () => {
  it.each([
    {
      value: 'unix:///run/user/1000/tscompose/engine.sock',
      tls: false,
      expected: { kind: 'unix', socketPath: '/run/user/1000/tscompose/engine.sock' },
    },
    {
      value: '/var/run/docker.sock',
      tls: false,
      expected: { kind: 'unix', socketPath: '/var/run/docker.sock' },
    },
    {
      value: 'tcp://127.0.0.1:2375',
      tls: false,
      expected: { kind: 'tcp', host: '127.0.0.1', port: 2375, tls: false },
    },
    {
      value: 'tcp://docker.example',
      tls: false,
      expected: { kind: 'tcp', host: 'docker.example', port: 2375, tls: false },
    },
    {
      value: 'tcp://docker.example',
      tls: true,
      expected: { kind: 'tcp', host: 'docker.example', port: 2376, tls: true },
    },
    { value: 'tcp://[::1]:2375', tls: false, expected: { kind: 'tcp', host: '::1', port: 2375, tls: false } },
  ])('$value (tls $tls)', ({ value, tls, expected }) => {
    expect(parseDockerHost(value, { tls })).toEqual(expected);
  });

  it.each([
    { value: 'ssh://me@host', error: 'unsupported scheme' },
    { value: 'npipe:////./pipe/docker_engine', error: 'unsupported scheme' },
    { value: 'unix://relative.sock', error: 'absolute path' },
    { value: 'docker.sock', error: 'unsupported scheme' },
  ])('refuses $value', ({ value, error }) => {
    expect(() => parseDockerHost(value)).toThrow(error);
  });
});

describe('toEngineError', () => {
  it.each([
    {
      name: "dockerode's HTTP error",
      input: Object.assign(new Error('(HTTP code 404) no such container'), {
        statusCode: 404,
        json: { message: 'No such container: x' },
      }),
      status: 404,
      message: 'inspect x: No such container: x',
    },
    {
      name: 'a connection error',
      input: new Error('connect ENOENT /sock'),
      status: undefined,
      message: 'inspect x: connect ENOENT /sock',
    },
  ])('keeps $name', ({ input, status, message }) => {
    const error = toEngineError('inspect x', input);
    expect(error).toBeInstanceOf(EngineError);
    expect(error.statusCode).toBe(status);
    expect(error.message).toBe(message);
  });
});

describe('connectEngine', () => {
  it('uses DOCKER_HOST as given, starting nothing', async () => {
    const { socketPath } = await startTestServer();
    const ensureEngine = () => Promise.reject(new Error('must not start an engine when DOCKER_HOST is set'));
    const engine = await connectEngine({ env: { DOCKER_HOST: `unix://${socketPath}` }, ensureEngine });
    expect(engine.how).toBe('given');
    expect((await engine.docker.version()).ApiVersion).toBe('1.44');
  });

  it("asks for the user's engine when DOCKER_HOST is unset", async () => {
    const { socketPath } = await startTestServer();
    const engine = await connectEngine({
      env: {},
      ensureEngine: async () => ({ socket: socketPath, how: 'started' }),
    });
    expect(engine).toMatchObject({ how: 'started', endpoint: { kind: 'unix', socketPath } });
    expect(String(await engine.docker.ping())).toBe('OK');
  });
});

describe('dockerode against the API server', () => {
  it('pulls with progress, runs with a hijacked attach, waits and reads logs', async () => {
    const { socketPath } = await startTestServer();
    const { docker } = await connectEngine({ env: { DOCKER_HOST: `unix://${socketPath}` } });
    const stream = await docker.pull('busybox:latest');
    const events = await new Promise<{ status: string }[]>((resolve, reject) =>
      docker.modem.followProgress(stream, (error, output) =>
        error ? reject(error) : resolve(output as { status: string }[]),
      ),
    );
    expect(events.at(-1)?.status).toBe('Status: Downloaded newer image for busybox:latest');

    const container = await docker.createContainer({ Image: 'busybox', Cmd: ['echo', 'via', 'dockerode'] });
    const attached = await container.attach({ stream: true, stdout: true, stderr: true, hijack: true });
    const stdout = new PassThrough();
    const chunks: Buffer[] = [];
    stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    docker.modem.demuxStream(attached, stdout, new PassThrough());
    const ended = new Promise((resolve) => attached.on('end', resolve));
    const waited = container.wait({ condition: 'next-exit' });
    await container.start();
    expect(await waited).toEqual({ StatusCode: 0, Error: null });
    await ended;
    expect(Buffer.concat(chunks).toString()).toBe('via dockerode\n');
    const logs = await container.logs({ stdout: true, stderr: true, follow: false });
    expect(logs.subarray(8).toString()).toBe('via dockerode\n');
    await expect(docker.getContainer('nope').inspect()).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe('engineEntry', () => {
  it('honours TSCOMPOSE_ENGINE_ENTRY', () => {
    expect(engineEntry({ TSCOMPOSE_ENGINE_ENTRY: '/opt/x/engine-main.js' })).toBe('/opt/x/engine-main.js');
  });

  it.each([
    { name: 'from the CLI bundle', from: 'dist/bundle/tscompose.mjs' },
    { name: 'from the compiled launcher', from: 'dist/runtime/engine-launcher.js' },
  ])('finds dist/runtime/engine-main.js above the package root $name', async ({ from }) => {
    const root = await mkdtemp(join(tmpdir(), 'tscompose-entry-'));
    onTestFinished(() => rm(root, { recursive: true, force: true }));
    await writeFile(join(root, 'package.json'), '{"name":"tscompose"}');
    await mkdir(join(root, 'dist', 'runtime'), { recursive: true });
    await writeFile(join(root, 'dist', 'runtime', 'engine-main.js'), '');
    expect(engineEntry({}, join(root, from))).toBe(join(root, 'dist', 'runtime', 'engine-main.js'));
    await rm(join(root, 'dist', 'runtime', 'engine-main.js'));
    expect(() => engineEntry({}, join(root, from))).toThrow(/the engine is not built .*run `npm run build`/);
  });
});
