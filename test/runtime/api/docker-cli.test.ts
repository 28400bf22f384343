/**
 * The stock docker CLI (v28, which speaks API 1.50 and negotiates down to our 1.44) drives the
 * API server, over a real unix socket, against the in-memory fakes. This proves the HTTP side:
 * negotiation, the shapes the CLI decodes, streaming pulls, hijacked attach for `docker run`,
 * wait conditions, framed logs. What the fakes do is not the engine's behaviour; the lead's
 * end-to-end tests run the same commands against the real engine.
 */
import { existsSync } from 'node:fs';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { startTestServer } from './test-server.js';

const DOCKER = '/usr/local/bin/docker';

async function dockerCli(socketPath: string, dir: string) {
  return (args: string[]) =>
    execa(DOCKER, args, {
      reject: false,
      timeout: 20_000,
      env: {
        DOCKER_HOST: `unix://${socketPath}`,
        DOCKER_CONFIG: dir,
        HOME: dir,
        PATH: process.env.PATH ?? '',
      },
      extendEnv: false,
    });
}

describe.skipIf(!existsSync(DOCKER))('the docker CLI against the API server', () => {
  it('runs `docker version`, negotiating API 1.44', async () => {
    const { socketPath, dir } = await startTestServer();
    const docker = await dockerCli(socketPath, dir);
    const result = await docker(['version']);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/Server: tscompose engine/);
    expect(result.stdout).toMatch(/API version:\s+1\.44 \(minimum version 1\.41\)/);
    const json = await docker(['version', '--format', '{{.Client.APIVersion}} {{.Server.APIVersion}}']);
    expect(json.stdout).toBe('1.44 1.44');
  });

  it('runs `docker info`', async () => {
    const { socketPath, dir } = await startTestServer();
    const docker = await dockerCli(socketPath, dir);
    const result = await docker(['info']);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/Storage Driver: overlay/);
    expect(result.stdout).toMatch(/Default Runtime: runc/);
    expect(result.stdout).toMatch(/Server Version: 0\.1\.0-test/);
  });

  it('pulls, lists and inspects an image, and refuses an unknown one', async () => {
    const { socketPath, dir } = await startTestServer();
    const docker = await dockerCli(socketPath, dir);
    const pull = await docker(['pull', 'busybox']);
    expect(pull.exitCode).toBe(0);
    expect(pull.stdout).toContain(`Digest: sha256:${'d'.repeat(64)}`);
    expect(pull.stdout).toContain('Status: Downloaded newer image for busybox:latest');
    const images = await docker(['images', '--format', '{{.Repository}}:{{.Tag}}']);
    expect(images.stdout).toBe('busybox:latest');
    const inspect = await docker(['image', 'inspect', '--format', '{{.Os}}/{{.Architecture}}', 'busybox']);
    expect(inspect.stdout).toBe('linux/amd64');
    const missing = await docker(['pull', 'nothere']);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('pull access denied for nothere');
  });

  it('runs a container attached: output, exit code, and --rm', async () => {
    const server = await startTestServer();
    const docker = await dockerCli(server.socketPath, server.dir);
    // The image is missing at first: the CLI sees the 404 on create, pulls, and creates again.
    const echo = await docker(['run', '--rm', 'busybox', 'echo', 'hello', 'world']);
    expect(echo.stderr).toContain('Unable to find image');
    expect(echo.stdout).toBe('hello world');
    expect(echo.exitCode).toBe(0);
    const failing = await docker(['run', '--rm', 'busybox', 'fail', 'bad']);
    expect(failing.stderr).toContain('bad');
    expect(failing.exitCode).toBe(1);
    const exit3 = await docker(['run', '--rm', 'busybox', 'exit', '3']);
    expect(exit3.exitCode).toBe(3);
    expect(server.services.containers.records.size).toBe(0);
  });

  it('runs detached, lists, logs, inspects, stops and removes', async () => {
    const server = await startTestServer();
    const docker = await dockerCli(server.socketPath, server.dir);
    await docker(['pull', 'busybox']);
    const run = await docker(['run', '-d', '--name', 'web', '--label', 'app=demo', 'busybox', 'sleep']);
    expect(run.exitCode).toBe(0);
    const id = run.stdout.trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    const record = server.services.containers.records.get(id);
    record?.output.push({ stream: 'stdout', data: Buffer.from('served\n'), time: new Date().toISOString() });
    expect((await docker(['ps', '--format', '{{.Names}} {{.State}}'])).stdout).toBe('web running');
    expect((await docker(['logs', 'web'])).stdout).toBe('served');
    expect(
      (await docker(['inspect', '--format', '{{.State.Status}} {{.Config.Labels.app}}', 'web'])).stdout,
    ).toBe('running demo');
    expect((await docker(['stop', 'web'])).stdout).toBe('web');
    expect((await docker(['ps', '-a', '--format', '{{.Names}} {{.State}}'])).stdout).toBe('web exited');
    const again = await docker(['stop', 'web']);
    expect(again.exitCode).toBe(0);
    expect((await docker(['rm', 'web'])).stdout).toBe('web');
    const gone = await docker(['inspect', 'web']);
    expect(gone.exitCode).toBe(1);
    expect(gone.stderr).toContain('No such object: web');
  });

  it('creates, lists and removes volumes', async () => {
    const { socketPath, dir } = await startTestServer();
    const docker = await dockerCli(socketPath, dir);
    expect((await docker(['volume', 'create', 'data'])).stdout).toBe('data');
    expect((await docker(['volume', 'ls', '--format', '{{.Driver}} {{.Name}}'])).stdout).toBe('local data');
    expect((await docker(['volume', 'inspect', '--format', '{{.Mountpoint}}', 'data'])).stdout).toBe(
      '/fake/volumes/data/_data',
    );
    expect((await docker(['volume', 'rm', 'data'])).stdout).toBe('data');
    const missing = await docker(['volume', 'rm', 'data']);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('no such volume');
  });

  it('prints events as they happen', async () => {
    const server = await startTestServer();
    const docker = await dockerCli(server.socketPath, server.dir);
    const since = Math.floor(Date.now() / 1000) - 1;
    server.services.events.publish({
      type: 'volume',
      action: 'create',
      id: 'data',
      attributes: { driver: 'local' },
    });
    const until = ((Date.now() + 100) / 1000).toFixed(3);
    const events = await docker([
      'events',
      '--since',
      String(since),
      '--until',
      until,
      '--format',
      '{{.Type}} {{.Action}} {{.Actor.ID}}',
    ]);
    expect(events.exitCode).toBe(0);
    expect(events.stdout).toBe('volume create data');
  });
});
