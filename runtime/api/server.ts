/**
 * The engine's HTTP server: Node's http on a unix socket (mode 0600), the routes of every
 * resource, version negotiation and Docker's JSON errors. Upgrade requests (attach) are routed
 * like any other, with a reply written on the raw socket. The server answers; the services
 * decide. Unexpected failures (500) are logged with their stack here, where they are handled.
 */
import { chmod, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { notFound, badParameter, toApiError } from './api-error.js';
import { readJsonBody, type Handler } from './api-call.js';
import { MAX_API_VERSION, checkApiVersion, splitVersionPrefix } from './api-version.js';
import type { EngineServices } from './engine-services.js';
import { httpReply, identityHeaders, socketReply, type Reply } from './reply.js';
import { compileRoutes, matchRoute, type CompiledRoute } from './router.js';
import { containerOutputRoutes } from './routes/container-output-routes.js';
import { containerRoutes } from './routes/container-routes.js';
import { eventRoutes } from './routes/event-routes.js';
import { imageRoutes } from './routes/image-routes.js';
import { networkRoutes } from './routes/network-routes.js';
import { systemRoutes } from './routes/system-routes.js';
import { volumeRoutes } from './routes/volume-routes.js';
import { trace } from './trace.js';

export interface ApiServerOptions {
  services: EngineServices;
  /** The engine's own version, for the `Server` header. */
  serverVersion: string;
  /** Where failures go (the engine log); one line per call. */
  log: (line: string) => void;
}

/** A listening server and how to stop it, dropping long-lived streams (events, attach, logs -f). */
export interface ListeningApiServer {
  server: Server;
  socketPath: string;
  close(): Promise<void>;
}

export function engineRoutes(services: EngineServices): CompiledRoute<Handler>[] {
  return compileRoutes([
    ...systemRoutes(services.system),
    ...eventRoutes(services.events),
    ...imageRoutes(services.images),
    ...containerOutputRoutes(services.containers, services.events),
    ...containerRoutes(services.containers),
    ...volumeRoutes(services.volumes),
    ...(services.networks ? networkRoutes(services.networks) : []),
  ]);
}

export function createApiServer(options: ApiServerOptions): Server {
  const routes = engineRoutes(options.services);
  const headers = identityHeaders(options.serverVersion);
  const server = createServer((request, response) => {
    const reply = httpReply(request, response, headers);
    void dispatch(routes, request, reply, () => readJsonBody(request), options.log);
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Whatever the client writes after the head is stdin, which a non-interactive attach ignores.
    socket.resume();
    const reply = socketReply(socket, headers);
    void dispatch(routes, request, reply, () => readJsonBody(request, head), options.log);
  });
  return server;
}

async function dispatch(
  routes: readonly CompiledRoute<Handler>[],
  request: IncomingMessage,
  reply: Reply,
  body: () => Promise<unknown>,
  log: (line: string) => void,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://engine');
  trace(`api> ${request.method} ${url.pathname}`);
  try {
    const { version, path } = splitVersionPrefix(url.pathname);
    const unsupported = version === undefined ? undefined : checkApiVersion(version);
    if (unsupported) throw badParameter(unsupported);
    const match = matchRoute(routes, request.method ?? 'GET', path);
    if (!match) throw notFound('page not found');
    await match.route.handler({
      params: match.params,
      query: url.searchParams,
      version: version ?? MAX_API_VERSION,
      headers: request.headers,
      reply,
      body,
    });
  } catch (error) {
    const apiError = toApiError(error);
    if (apiError.statusCode >= 500 || reply.started) {
      const detail = apiError.cause instanceof Error ? apiError.cause.stack : apiError.stack;
      log(`${request.method} ${url.pathname}: ${apiError.statusCode} ${apiError.message}\n${detail ?? ''}`);
    }
    if (reply.started) reply.finish();
    else reply.error(apiError);
  }
  trace(`api< ${request.method} ${url.pathname}`);
}

/**
 * Listens on `socketPath`, replacing a stale socket file (the caller holds the one-engine lock,
 * so a file there is a dead engine's), and makes it 0600: only the user may drive the engine.
 */
export async function listenOnSocket(server: Server, socketPath: string): Promise<ListeningApiServer> {
  await rm(socketPath, { force: true });
  const connections = new Set<Socket | Duplex>();
  server.on('connection', (socket: Socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  await chmod(socketPath, 0o600);
  return {
    server,
    socketPath,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Hijacked and streaming connections never end on their own; the engine is going away.
      for (const socket of connections) socket.destroy();
      await closed;
      await rm(socketPath, { force: true });
    },
  };
}
