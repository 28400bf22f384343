/**
 * A real registry for tests and the demo: Debian's docker-registry (distribution 2.8) on
 * 127.0.0.1, on a free port, storing into a temporary folder, stopped and removed by `stop()`.
 * `pushBusybox` puts the busybox test image there (scripts/build-test-image.sh) and returns the
 * digest the registry serves it under.
 *
 * With `auth: 'token'` the registry asks for bearer tokens, as Docker Hub does: a small token
 * server runs in this process (node:http), signs JWTs with a throwaway RSA key whose self-signed
 * certificate (made by openssl) the registry trusts, and records every token request so tests can
 * check what a client asked for. With `users`, the token server wants Basic credentials.
 *
 * No mocks: the registry is the real program; only the token issuer is ours, because a real one
 * (docker_auth, Harbor) is not packaged in Debian.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash, createPrivateKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
const SERVICE = 'tscompose-test-registry';
const ISSUER = 'tscompose-test-issuer';

/** The programs a test registry needs, and the Debian packages that have them. */
export const REGISTRY_PROGRAMS = {
  'docker-registry': 'docker-registry',
  skopeo: 'skopeo',
  umoci: 'umoci',
  busybox: 'busybox-static',
  openssl: 'openssl',
} as const;

export interface TokenRequest {
  scope: string[];
  service: string | null;
  /** The Basic user name, when the client sent credentials. */
  user: string | undefined;
}

export interface TestRegistry {
  /** `127.0.0.1:<port>`, ready to prefix image names. */
  host: string;
  /** Token requests seen so far (only with `auth: 'token'`). */
  tokenRequests: TokenRequest[];
  /** The registry's storage, for tests that tamper with blobs. */
  storageDir: string;
  stop(): Promise<void>;
}

export interface RegistryOptions {
  auth?: 'none' | 'token';
  /** Basic credentials the token server requires (user → password). */
  users?: Record<string, string>;
}

/** The first missing program, or undefined when a registry can be started here. */
export async function missingRegistryProgram(): Promise<string | undefined> {
  for (const [program, pkg] of Object.entries(REGISTRY_PROGRAMS)) {
    try {
      await run('sh', ['-c', `command -v ${program}`]);
    } catch {
      // `command -v` exits 1 when the program is missing: that is the answer.
      return `${program} (Debian package ${pkg})`;
    }
  }
  return undefined;
}

export async function startRegistry(options: RegistryOptions = {}): Promise<TestRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'tscompose-registry-'));
  const tokenRequests: TokenRequest[] = [];
  let tokenServer: Server | undefined;
  let child: ChildProcess | undefined;
  try {
    let authConfig = '';
    if (options.auth === 'token') {
      const issuer = await startTokenIssuer(dir, tokenRequests, options.users ?? {});
      tokenServer = issuer.server;
      authConfig = [
        'auth:',
        '  token:',
        `    realm: http://127.0.0.1:${issuer.port}/token`,
        `    service: ${SERVICE}`,
        `    issuer: ${ISSUER}`,
        `    rootcertbundle: ${issuer.certPath}`,
      ].join('\n');
    }
    const port = await freePort();
    const config = [
      'version: 0.1',
      'log:',
      '  level: warn',
      '  accesslog:',
      '    disabled: true',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${join(dir, 'storage')}`,
      '  delete:',
      '    enabled: true',
      'http:',
      `  addr: 127.0.0.1:${port}`,
      authConfig,
    ].join('\n');
    await writeFile(join(dir, 'config.yml'), `${config}\n`);
    const started = spawn('docker-registry', ['serve', join(dir, 'config.yml')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = started;
    let stderr = '';
    started.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const host = `127.0.0.1:${port}`;
    await waitForRegistry(host, started, () => stderr);
    const stop = async (): Promise<void> => {
      await stopChild(started);
      if (tokenServer) await closeServer(tokenServer);
      await rm(dir, { recursive: true, force: true });
    };
    return { host, tokenRequests, storageDir: join(dir, 'storage'), stop };
  } catch (error) {
    if (child) await stopChild(child);
    if (tokenServer) await closeServer(tokenServer);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Pushes the busybox test image to `registry` as `name` (built once, cached; see
 * scripts/build-test-image.sh) and returns its reference and the manifest digest the registry
 * serves, as `skopeo inspect` reports it.
 */
export async function pushBusybox(
  registry: Pick<TestRegistry, 'host'>,
  name = 'busybox:latest',
  credentials?: { user: string; password: string },
): Promise<{ reference: string; digest: string }> {
  const reference = `${registry.host}/${name}`;
  const env = {
    ...process.env,
    ...(credentials ? { TSCOMPOSE_PUSH_CREDS: `${credentials.user}:${credentials.password}` } : {}),
  };
  await run('bash', [join(REPO_ROOT, 'scripts', 'build-test-image.sh'), reference], { env });
  const creds = credentials ? [`--creds=${credentials.user}:${credentials.password}`] : [];
  const { stdout } = await run('skopeo', [
    'inspect',
    '--tls-verify=false',
    ...creds,
    '--format',
    '{{.Digest}}',
    `docker://${reference}`,
  ]);
  return { reference, digest: stdout.trim() };
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await closeServer(server);
  return port;
}

/** Waits until `/v2/` answers (200, or 401 when it wants tokens); fails if the registry exits. */
async function waitForRegistry(host: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`docker-registry exited while starting: ${stderr()}`);
    try {
      const response = await fetch(`http://${host}/v2/`);
      await response.body?.cancel();
      if (response.status === 200 || response.status === 401) return;
    } catch {
      // ECONNREFUSED until the registry listens: try again below.
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`docker-registry on ${host} did not answer within 15 s: ${stderr()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

function closeServer(server: Server | ReturnType<typeof createNetServer>): Promise<void> {
  return new Promise((done) => server.close(() => done()));
}

/** The token endpoint: a JWT per request, for whatever scope is asked (after Basic auth, when users are set). */
async function startTokenIssuer(
  dir: string,
  requests: TokenRequest[],
  users: Record<string, string>,
): Promise<{ server: Server; port: number; certPath: string }> {
  const keyPath = join(dir, 'token-key.pem');
  const certPath = join(dir, 'token-cert.pem');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=tscompose-test-token-issuer',
    '-keyout',
    keyPath,
    '-out',
    certPath,
  ]);
  const key = createPrivateKey(await readFile(keyPath));
  const certDer = pemToDer(await readFile(certPath, 'utf8'));
  const server = createServer((request, response) =>
    answerToken(request, response, { key, certDer, users, requests }),
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port, certPath };
}

function answerToken(
  request: IncomingMessage,
  response: ServerResponse,
  issuer: { key: KeyObject; certDer: Buffer; users: Record<string, string>; requests: TokenRequest[] },
): void {
  const url = new URL(request.url ?? '/', 'http://token');
  const scope = url.searchParams
    .getAll('scope')
    .flatMap((s) => s.split(' '))
    .filter((s) => s !== '');
  const basic = /^Basic (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const [user, password] = basic ? Buffer.from(basic, 'base64').toString().split(/:(.*)/s) : [];
  issuer.requests.push({ scope, service: url.searchParams.get('service'), user });
  const needsUser = Object.keys(issuer.users).length > 0;
  if (needsUser && (user === undefined || issuer.users[user] !== password)) {
    response.writeHead(401, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ details: 'incorrect username or password' }));
    return;
  }
  const now = Math.floor(Date.now() / 1000);
  const access = scope.map((s) => {
    const [type = '', name = '', actions = ''] = s.split(':');
    return { type, name, actions: actions.split(',').filter((a) => a !== '') };
  });
  const header = { alg: 'RS256', typ: 'JWT', x5c: [issuer.certDer.toString('base64')] };
  const claims = {
    iss: ISSUER,
    sub: user ?? '',
    aud: SERVICE,
    exp: now + 300,
    nbf: now - 10,
    iat: now,
    jti: randomBytes(8).toString('hex'),
    access,
  };
  const unsigned = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const token = `${unsigned}.${base64url(sign('sha256', Buffer.from(unsigned), issuer.key))}`;
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify({ token, access_token: token, expires_in: 300, issued_at: new Date().toISOString() }),
  );
}

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

function pemToDer(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
}

/** The sha256 digest of `bytes`, as registries write digests. */
export function sha256Digest(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}
