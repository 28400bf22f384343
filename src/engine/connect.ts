/**
 * The CLI's way to an engine, as a dockerode client. `DOCKER_HOST`, when set, wins and is used
 * as is (any Docker-compatible engine; nothing is started). Otherwise it is this user's
 * tscompose engine on its socket, started on first need through the thin launcher
 * (runtime/engine-launcher.ts, imported only here and by `tscompose engine`).
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { parseDockerHost, type EngineEndpoint } from './docker-host.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface ConnectedEngine {
  docker: Docker;
  endpoint: EngineEndpoint;
  /** 'started' when this call had to start the engine. */
  how: 'given' | 'running' | 'started';
}

export interface ConnectOptions {
  env?: Env;
  /** Starts the user's engine and returns its socket; the default uses the launcher. */
  ensureEngine?: (env: Env) => Promise<{ socket: string; how: 'running' | 'started' }>;
}

export async function connectEngine(options: ConnectOptions = {}): Promise<ConnectedEngine> {
  const env = options.env ?? process.env;
  const dockerHost = env.DOCKER_HOST;
  if (dockerHost !== undefined && dockerHost !== '') {
    const tls = env.DOCKER_TLS_VERIFY !== undefined && env.DOCKER_TLS_VERIFY !== '';
    const endpoint = parseDockerHost(dockerHost, { tls });
    return { docker: dockerFor(endpoint, env), endpoint, how: 'given' };
  }
  const { socket, how } = await (options.ensureEngine ?? ensureLocalEngine)(env);
  const endpoint: EngineEndpoint = { kind: 'unix', socketPath: socket };
  return { docker: dockerFor(endpoint, env), endpoint, how };
}

/** The user's engine: its socket when something answers there, else a freshly started engine. */
export async function ensureLocalEngine(env: Env): Promise<{ socket: string; how: 'running' | 'started' }> {
  const launcher = await import('../../runtime/engine-launcher.js');
  const paths = launcher.locateEngine(env);
  if (await launcher.engineAnswers(paths)) return { socket: paths.socket, how: 'running' };
  const started = await launcher.launchEngine(env);
  return { socket: started.socket, how: started.how };
}

export function dockerFor(endpoint: EngineEndpoint, env: Env): Docker {
  if (endpoint.kind === 'unix') return new Docker({ socketPath: endpoint.socketPath });
  if (!endpoint.tls) return new Docker({ host: endpoint.host, port: endpoint.port, protocol: 'http' });
  // Docker's layout: ca.pem, cert.pem, key.pem in DOCKER_CERT_PATH, else ~/.docker.
  const dir = env.DOCKER_CERT_PATH || join(env.HOME ?? homedir(), '.docker');
  return new Docker({
    host: endpoint.host,
    port: endpoint.port,
    protocol: 'https',
    ca: readFileSync(join(dir, 'ca.pem')),
    cert: readFileSync(join(dir, 'cert.pem')),
    key: readFileSync(join(dir, 'key.pem')),
  });
}
