/**
 * The API server over a real unix socket, against in-memory fakes of the services: headers and
 * negotiation, Docker's error shapes, streaming pulls, framed logs, the events stream and a
 * hijacked attach. The real services are exercised end to end by the lead's engine tests.
 */
import { stat } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { createConnection } from 'node:net';
import { describe, expect, it } from 'vitest';
import { decodeFrames } from '../../../runtime/api/stream-frame.js';
import { call, startTestServer } from './test-server.js';

async function createContainer(socketPath: string, cmd: string[], extra: Record<string, unknown> = {}) {
  await call(socketPath, 'POST', '/images/create?fromImage=busybox&tag=latest');
  const created = await call(socketPath, 'POST', '/v1.44/containers/create', {
    body: { Image: 'busybox', Cmd: cmd, ...extra },
  });
  expect(created.status).toBe(201);
  return (created.json() as { Id: string }).Id;
}

describe('the socket and negotiation', () => {
  it('listens on a socket only its owner may use (0600)', async () => {
    const { socketPath } = await startTestServer();
    expect((await stat(socketPath)).mode & 0o777).toBe(0o600);
  });

  it("answers /_ping with OK and Docker's identifying headers, for GET and HEAD", async () => {
    const { socketPath } = await startTestServer();
    for (const method of ['GET', 'HEAD']) {
      const answer = await call(socketPath, method, '/_ping');
      expect(answer.status).toBe(200);
      expect(answer.text).toBe(method === 'GET' ? 'OK' : '');
      expect(answer.headers).toMatchObject({
        'api-version': '1.44',
        ostype: 'linux',
        'docker-experimental': 'false',
      });
    }
  });

  it.each([
    { path: '/version', status: 200 },
    { path: '/v1.44/version', status: 200 },
    { path: '/v1.41/version', status: 200 },
    { path: '/v1.50/version', status: 400 },
    { path: '/v1.12/version', status: 400 },
  ])('serves $path with $status', async ({ path, status }) => {
    const { socketPath } = await startTestServer();
    const answer = await call(socketPath, 'GET', path);
    expect(answer.status).toBe(status);
    if (status === 200) expect(answer.json()).toMatchObject({ ApiVersion: '1.44', MinAPIVersion: '1.41' });
    else expect(answer.json()).toEqual({ message: expect.stringMatching(/^client version/) as unknown });
  });
});

describe("Docker's JSON errors", () => {
  it.each([
    { name: 'an unknown route', method: 'GET', path: '/swarm', status: 404, message: 'page not found' },
    {
      name: 'an unknown container',
      method: 'GET',
      path: '/containers/nope/json',
      status: 404,
      message: 'No such container: nope',
    },
    {
      name: 'an unknown image',
      method: 'GET',
      path: '/images/nope/json',
      status: 404,
      message: 'No such image: nope',
    },
    {
      name: 'a malformed filter',
      method: 'GET',
      path: '/containers/json?filters=%7B',
      status: 400,
      message: expect.stringContaining('invalid filter') as unknown,
    },
    {
      name: 'a create with malformed JSON',
      method: 'POST',
      path: '/containers/create',
      status: 400,
      message: expect.stringContaining('invalid JSON') as unknown,
      raw: '{"Image":',
    },
    {
      name: 'a create for an image not pulled',
      method: 'POST',
      path: '/containers/create',
      status: 404,
      message: 'No such image: alpine',
      body: { Image: 'alpine' },
    },
    {
      name: 'logs without a stream',
      method: 'GET',
      path: '/containers/x/logs',
      status: 400,
      message: 'Bad parameters: you must choose at least one stream',
    },
  ])('answers $name with $status', async ({ method, path, status, message, body, raw }) => {
    const { socketPath } = await startTestServer();
    const answer = raw
      ? await rawCall(socketPath, method, path, raw)
      : await call(socketPath, method, path, body === undefined ? {} : { body });
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.json()).toEqual({ message });
  });

  it('answers 409 for a name in use and 304 with no body for starting a started container', async () => {
    const { socketPath } = await startTestServer();
    await createContainer(socketPath, ['sleep'], {});
    await call(socketPath, 'POST', '/containers/create?name=web', {
      body: { Image: 'busybox', Cmd: ['sleep'] },
    });
    const again = await call(socketPath, 'POST', '/containers/create?name=web', {
      body: { Image: 'busybox' },
    });
    expect(again.status).toBe(409);
    expect(again.json()).toEqual({ message: 'Conflict. The container name "/web" is already in use' });
    expect((await call(socketPath, 'POST', '/containers/web/start')).status).toBe(204);
    const twice = await call(socketPath, 'POST', '/containers/web/start');
    expect(twice.status).toBe(304);
    expect(twice.text).toBe('');
  });

  it('logs a 500 with its stack, and answers with the message only', async () => {
    const server = await startTestServer();
    server.services.volumes.list = () => Promise.reject(new Error('disk on fire'));
    const answer = await call(server.socketPath, 'GET', '/volumes');
    expect(answer.status).toBe(500);
    expect(answer.json()).toEqual({ message: 'disk on fire' });
    expect(server.logged.join('\n')).toMatch(/GET \/volumes: 500 disk on fire\n.*Error: disk on fire/s);
  });
});

describe('images', () => {
  it('streams pull progress as JSON lines, then lists and inspects the image', async () => {
    const { socketPath } = await startTestServer();
    const pull = await call(socketPath, 'POST', '/v1.44/images/create?fromImage=busybox&tag=latest');
    expect(pull.status).toBe(200);
    const lines = pull.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toEqual({ status: 'Pulling from busybox', id: 'latest' });
    expect(lines).toContainEqual(expect.objectContaining({ progressDetail: { current: 5, total: 10 } }));
    expect(lines.at(-1)).toEqual({ status: 'Status: Downloaded newer image for busybox:latest' });
    const list = (await call(socketPath, 'GET', '/images/json')).json();
    expect(list).toEqual([expect.objectContaining({ RepoTags: ['busybox:latest'] })]);
    expect((await call(socketPath, 'GET', '/images/busybox:latest/json')).status).toBe(200);
    const removed = await call(socketPath, 'DELETE', '/images/busybox');
    expect(removed.json()).toEqual([{ Untagged: 'busybox:latest' }, { Deleted: `sha256:${'1'.repeat(64)}` }]);
  });

  it('answers a pull that fails before any progress with its status', async () => {
    const { socketPath } = await startTestServer();
    const answer = await call(socketPath, 'POST', '/images/create?fromImage=nothere&tag=1');
    expect(answer.status).toBe(404);
    expect(answer.json()).toEqual({ message: 'pull access denied for nothere, repository does not exist' });
  });

  it('ends a pull that fails midway with an error line in the 200 stream', async () => {
    const server = await startTestServer();
    server.services.images.pull = async (_reference, { onProgress }) => {
      onProgress({ status: 'Pulling fs layer', id: 'aaaaaaaaaaaa' });
      throw Object.assign(new Error('digest mismatch'), { statusCode: 500 });
    };
    const answer = await call(server.socketPath, 'POST', '/images/create?fromImage=busybox&tag=latest');
    expect(answer.status).toBe(200);
    expect(
      answer.text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
    ).toEqual([
      { status: 'Pulling fs layer', id: 'aaaaaaaaaaaa' },
      { error: 'digest mismatch', errorDetail: { message: 'digest mismatch' } },
    ]);
  });
});

describe('containers', () => {
  it('runs a container and answers wait, list and inspect', async () => {
    const { socketPath } = await startTestServer();
    const id = await createContainer(socketPath, ['exit', '3']);
    const wait = call(socketPath, 'POST', `/containers/${id}/wait?condition=next-exit`);
    expect((await call(socketPath, 'POST', `/containers/${id}/start`)).status).toBe(204);
    expect((await wait).json()).toEqual({ StatusCode: 3, Error: null });
    const all = (await call(socketPath, 'GET', '/containers/json?all=1')).json() as {
      Id: string;
      State: string;
    }[];
    expect(all).toEqual([expect.objectContaining({ Id: id, State: 'exited' })]);
    expect((await call(socketPath, 'GET', '/containers/json')).json()).toEqual([]);
    const inspect = (await call(socketPath, 'GET', `/containers/${id.slice(0, 12)}/json`)).json();
    expect(inspect).toMatchObject({ Id: id, State: { Status: 'exited', ExitCode: 3 } });
    expect((await call(socketPath, 'DELETE', `/containers/${id}`)).status).toBe(204);
  });

  it('answers a wait on an unknown container with 404, not a 200 stream', async () => {
    const { socketPath } = await startTestServer();
    const answer = await call(socketPath, 'POST', '/containers/ghost/wait');
    expect(answer.status).toBe(404);
  });

  it.each([
    {
      name: 'both streams',
      query: 'stdout=1&stderr=1',
      frames: [
        ['stdout', 'hello\n'],
        ['stderr', 'oops\n'],
      ],
    },
    { name: 'stderr only', query: 'stderr=1', frames: [['stderr', 'oops\n']] },
    { name: 'the last line', query: 'stdout=1&stderr=1&tail=1', frames: [['stderr', 'oops\n']] },
  ])('frames logs with the 8-byte header: $name', async ({ query, frames }) => {
    const server = await startTestServer();
    const id = await createContainer(server.socketPath, ['echo', 'hello']);
    const record = server.services.containers.records.get(id);
    record?.output.push(
      { stream: 'stdout', data: Buffer.from('hello\n'), time: '2024-01-01T00:00:00.000000001Z' },
      { stream: 'stderr', data: Buffer.from('oops\n'), time: '2024-01-01T00:00:01.000000001Z' },
    );
    const answer = await call(server.socketPath, 'GET', `/containers/${id}/logs?${query}`);
    expect(answer.headers['content-type']).toBe('application/vnd.docker.multiplexed-stream');
    expect(decodeFrames(answer.body).map(({ stream, payload }) => [stream, payload.toString()])).toEqual(
      frames,
    );
  });

  it('prefixes timestamps and sends raw output for a TTY container', async () => {
    const server = await startTestServer();
    const id = await createContainer(server.socketPath, ['echo', 'x'], { Tty: true });
    server.services.containers.records
      .get(id)
      ?.output.push({ stream: 'stdout', data: Buffer.from('hi\n'), time: '2024-01-01T00:00:00.5Z' });
    const answer = await call(server.socketPath, 'GET', `/containers/${id}/logs?stdout=1&timestamps=1`);
    expect(answer.headers['content-type']).toBe('application/vnd.docker.raw-stream');
    expect(answer.text).toBe('2024-01-01T00:00:00.5Z hi\n');
  });

  it('follows logs until the container exits', async () => {
    const server = await startTestServer();
    const id = await createContainer(server.socketPath, ['sleep']);
    await call(server.socketPath, 'POST', `/containers/${id}/start`);
    const logs = openRaw(server.socketPath, `/containers/${id}/logs?stdout=1&follow=1`);
    await logs.headers;
    const record = server.services.containers.records.get(id);
    record?.output.push({ stream: 'stdout', data: Buffer.from('late\n'), time: new Date().toISOString() });
    await call(server.socketPath, 'POST', `/containers/${id}/stop`);
    const frames = decodeFrames(await logs.body);
    expect(frames.map(({ payload }) => payload.toString())).toEqual(['late\n']);
  });

  it('hijacks attach (101 UPGRADED) and streams output from the start until the exit', async () => {
    const { socketPath } = await startTestServer();
    const id = await createContainer(socketPath, ['fail', 'bad', 'thing']);
    const attached = upgradeCall(socketPath, `/v1.44/containers/${id}/attach?stream=1&stdout=1&stderr=1`);
    const head = await attached.head;
    expect(head).toMatch(/^HTTP\/1.1 101 UPGRADED\r\n/);
    expect(head).toContain('Content-Type: application/vnd.docker.multiplexed-stream\r\n');
    expect(head).toContain('Upgrade: tcp\r\n');
    await call(socketPath, 'POST', `/containers/${id}/start`);
    const frames = decodeFrames(await attached.rest);
    expect(frames.map(({ stream, payload }) => [stream, payload.toString()])).toEqual([
      ['stderr', 'bad thing\n'],
    ]);
  });

  it.each([
    { name: 'only what comes after the attach', query: 'stream=1&stdout=1', expected: ['new\n'] },
    {
      name: 'the earlier output too with logs=1',
      query: 'stream=1&stdout=1&logs=1',
      expected: ['old\n', 'new\n'],
    },
  ])('attaches to a running container and sends $name', async ({ query, expected }) => {
    const server = await startTestServer();
    const id = await createContainer(server.socketPath, ['sleep']);
    await call(server.socketPath, 'POST', `/containers/${id}/start`);
    const record = server.services.containers.records.get(id);
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    record?.output.push({ stream: 'stdout', data: Buffer.from('old\n'), time: hourAgo });
    const attached = upgradeCall(server.socketPath, `/containers/${id}/attach?${query}`);
    await attached.head;
    await expect
      .poll(() => server.services.events.subscriberCount + (record?.changed.size ?? 0))
      .toBeGreaterThan(0);
    record?.output.push({ stream: 'stdout', data: Buffer.from('new\n'), time: new Date().toISOString() });
    await call(server.socketPath, 'POST', `/containers/${id}/stop`);
    expect(decodeFrames(await attached.rest).map(({ payload }) => payload.toString())).toEqual(expected);
  });

  it('ends an attach to a container removed before it ever started', async () => {
    const { socketPath } = await startTestServer();
    const id = await createContainer(socketPath, ['echo', 'never']);
    const attached = upgradeCall(socketPath, `/containers/${id}/attach?stream=1&stdout=1`);
    await attached.head;
    await call(socketPath, 'DELETE', `/containers/${id}`);
    expect((await attached.rest).length).toBe(0);
  });

  it('answers attach to an unknown container with a JSON 404 on the raw socket', async () => {
    const { socketPath } = await startTestServer();
    const attached = upgradeCall(socketPath, '/containers/ghost/attach?stream=1&stdout=1');
    const head = await attached.head;
    expect(head).toMatch(/^HTTP\/1.1 404 Not Found\r\n/);
    expect((await attached.rest).toString()).toBe('{"message":"No such container: ghost"}');
  });

  it('streams attach as a plain 200 for clients that do not upgrade', async () => {
    const { socketPath } = await startTestServer();
    const id = await createContainer(socketPath, ['echo', 'plain']);
    const attached = openRaw(socketPath, `/containers/${id}/attach?stream=1&stdout=1`, 'POST');
    expect(await attached.headers).toBe(200);
    await call(socketPath, 'POST', `/containers/${id}/start`);
    expect(decodeFrames(await attached.body).map(({ payload }) => payload.toString())).toEqual(['plain\n']);
  });
});

describe('volumes', () => {
  it('creates, lists, inspects and removes', async () => {
    const { socketPath } = await startTestServer();
    const created = await call(socketPath, 'POST', '/volumes/create', {
      body: { Name: 'data', Labels: { a: 'b' } },
    });
    expect(created.status).toBe(201);
    expect(created.json()).toMatchObject({ Name: 'data', Driver: 'local', Labels: { a: 'b' } });
    expect((await call(socketPath, 'GET', '/volumes')).json()).toEqual({
      Volumes: [expect.objectContaining({ Name: 'data' })],
      Warnings: [],
    });
    expect((await call(socketPath, 'GET', '/volumes/data')).status).toBe(200);
    expect((await call(socketPath, 'DELETE', '/volumes/data')).status).toBe(204);
    expect((await call(socketPath, 'GET', '/volumes/data')).json()).toEqual({
      message: 'get data: no such volume',
    });
  });

  it('answers prune with 501 when the service has none', async () => {
    const { socketPath } = await startTestServer();
    expect((await call(socketPath, 'POST', '/volumes/prune')).status).toBe(501);
  });
});

describe('events', () => {
  it('replays history since a time, then streams live events matching the filters', async () => {
    const server = await startTestServer();
    server.services.events.publish({ type: 'volume', action: 'create', id: 'old' });
    server.services.events.publish({
      type: 'container',
      action: 'create',
      id: 'c1',
      attributes: { name: 'one' },
    });
    const filters = encodeURIComponent(JSON.stringify({ type: ['container'] }));
    const stream = openStream(server.socketPath, `/events?since=0&filters=${filters}`);
    await stream.headers;
    server.services.events.publish({ type: 'volume', action: 'destroy', id: 'old' });
    server.services.events.publish({
      type: 'container',
      action: 'start',
      id: 'c1',
      attributes: { name: 'one' },
    });
    const events = await stream.lines(2);
    expect(events.map((event) => [event.Type, event.Action, event.Actor.ID])).toEqual([
      ['container', 'create', 'c1'],
      ['container', 'start', 'c1'],
    ]);
    stream.close();
    await expect.poll(() => server.services.events.subscriberCount).toBe(0);
  });

  it('answers a window entirely in the past and closes', async () => {
    const server = await startTestServer();
    server.services.events.publish({ type: 'image', action: 'pull', id: 'busybox:latest' });
    const seconds = (offsetMs: number) => ((Date.now() + offsetMs) / 1000).toFixed(3);
    const answer = await call(server.socketPath, 'GET', `/events?since=0&until=${seconds(-60_000)}`);
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    const all = await call(server.socketPath, 'GET', `/events?since=0&until=${seconds(50)}`);
    expect(JSON.parse(all.text.trim())).toMatchObject({ Type: 'image', Action: 'pull' });
  });

  it('refuses since after until', async () => {
    const { socketPath } = await startTestServer();
    expect((await call(socketPath, 'GET', '/events?since=20&until=10')).status).toBe(400);
  });
});

/** A request whose body is sent as is, to test malformed JSON. */
function rawCall(socketPath: string, method: string, path: string, body: string) {
  return call(socketPath, method, path, {
    headers: { 'Content-Type': 'application/json' },
    body: undefined,
  }).then(
    () =>
      new Promise<Awaited<ReturnType<typeof call>>>((resolve, reject) => {
        const req = httpRequest({ socketPath, method, path }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const buffer = Buffer.concat(chunks);
            const text = buffer.toString();
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: buffer,
              text,
              json: () => JSON.parse(text),
            });
          });
        });
        req.on('error', reject);
        req.end(body);
      }),
  );
}

/** An upgrade request as the docker CLI sends it, on a raw socket: the head, then the raw rest. */
function upgradeCall(socketPath: string, path: string) {
  const socket = createConnection({ path: socketPath });
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: api\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n`,
  );
  let buffer = Buffer.alloc(0);
  let resolveHead: (head: string) => void = () => {};
  const head = new Promise<string>((resolve) => (resolveHead = resolve));
  let headLength = -1;
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    const end = buffer.indexOf('\r\n\r\n');
    if (headLength < 0 && end >= 0) {
      headLength = end + 4;
      resolveHead(buffer.subarray(0, headLength).toString());
    }
  });
  const rest = new Promise<Buffer>((resolve, reject) => {
    socket.on('end', () => resolve(buffer.subarray(headLength)));
    socket.on('error', reject);
  });
  return { head, rest };
}

interface StreamedEvent {
  Type: string;
  Action: string;
  Actor: { ID: string };
}

/** A request whose status arrives before its body ends (follow, attach). */
function openRaw(socketPath: string, path: string, method = 'GET') {
  let resolveBody: (body: Buffer) => void = () => {};
  const body = new Promise<Buffer>((resolve) => (resolveBody = resolve));
  const headers = new Promise<number>((resolve, reject) => {
    const req = httpRequest({ socketPath, path, method }, (res) => {
      resolve(res.statusCode ?? 0);
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolveBody(Buffer.concat(chunks)));
    });
    req.on('error', reject);
    req.end();
  });
  return { headers, body };
}

/** A long-lived GET whose body is read line by line. */
function openStream(socketPath: string, path: string) {
  const lines: StreamedEvent[] = [];
  let wake = () => {};
  let close = () => {};
  const headers = new Promise<void>((resolve, reject) => {
    const req = httpRequest({ socketPath, path }, (res) => {
      resolve();
      let pending = '';
      res.on('data', (chunk: Buffer) => {
        pending += chunk.toString();
        const parts = pending.split('\n');
        pending = parts.pop() ?? '';
        for (const part of parts) if (part.trim()) lines.push(JSON.parse(part) as StreamedEvent);
        wake();
      });
    });
    req.on('error', (error) => (error.message.includes('aborted') ? undefined : reject(error)));
    req.end();
    close = () => req.destroy();
  });
  return {
    headers,
    close: () => close(),
    lines: async (count: number) => {
      while (lines.length < count) await new Promise<void>((resolve) => (wake = resolve));
      return lines.slice(0, count);
    },
  };
}
