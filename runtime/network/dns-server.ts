/**
 * One network's DNS server: UDP on the bridge's gateway address, port 53, in the engine's network
 * namespace (the engine is root there, so the low port is allowed). Containers on the network have
 * it as their only nameserver. Questions about the network's names are answered here
 * (dns-answer.ts); the rest are relayed, bytes unchanged, to the asking container's own `Dns`
 * servers or else the engine's (slirp4netns' 10.0.2.3), one after another, each given a few
 * seconds; when none answers the container gets SERVFAIL rather than silence.
 *
 * It runs inside the engine process, so while the engine restarts names do not resolve; the
 * containers' resolvers retry. TCP (for answers over 512 bytes) is not served: our answers are
 * small, and a truncated upstream answer reaches the client with its TC bit as it came.
 */
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import * as dnsPacket from 'dns-packet';
import { decideAnswer, serverFailure } from './dns-answer.js';
import type { AskingContainer } from './dns-scope.js';

export interface DnsServerOptions {
  address: string;
  port?: number;
  /** The names the container at `source` may see, and its own upstream servers. */
  scope(source: string): AskingContainer;
  /** The engine's resolvers, for containers without `Dns` of their own. */
  upstream(): readonly string[];
  /** 53 unless a test runs its own upstream. */
  upstreamPort?: number;
  log(line: string): void;
}

const FORWARD_TIMEOUT_MS = 2_500;

export class DnsServer {
  private constructor(
    private readonly socket: Socket,
    private readonly options: DnsServerOptions,
  ) {}

  static async start(options: DnsServerOptions): Promise<DnsServer> {
    const socket = createSocket({ type: 'udp4' });
    const server = new DnsServer(socket, options);
    socket.on('message', (message, remote) => void server.handle(message, remote));
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(options.port ?? 53, options.address, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    // After the bind, an error is a send to a client gone away: log it, keep serving.
    socket.on('error', (error) => options.log(`dns ${options.address}: ${error.message}`));
    return server;
  }

  /** The port it answers on (53, or the one a test's port 0 got). */
  get port(): number {
    return this.socket.address().port;
  }

  /** Stops answering; the port is free once this returns. */
  close(): void {
    this.socket.close();
  }

  private async handle(message: Buffer, remote: RemoteInfo): Promise<void> {
    let query: dnsPacket.DecodedPacket;
    try {
      query = dnsPacket.decode(message);
    } catch (error) {
      // dns-packet throws (RangeError, Error) on truncated or malformed packets: not DNS, drop it.
      this.options.log(
        `dns ${this.options.address}: dropped a malformed packet: ${(error as Error).message}`,
      );
      return;
    }
    const asking = this.options.scope(remote.address);
    const decision = decideAnswer(query, asking.scope);
    if (decision.kind === 'answer') {
      this.send(dnsPacket.encode(decision.response), remote);
      return;
    }
    const servers = asking.upstream.length > 0 ? asking.upstream : this.options.upstream();
    for (const server of servers) {
      const answer = await forward(message, server, this.options.upstreamPort ?? 53);
      if (answer) {
        this.send(answer, remote);
        return;
      }
    }
    this.send(dnsPacket.encode(serverFailure(query)), remote);
  }

  private send(data: Buffer, remote: RemoteInfo): void {
    this.socket.send(data, remote.port, remote.address);
  }
}

/** Sends the question to one server and resolves with its answer, or undefined after the timeout. */
function forward(message: Buffer, server: string, port: number): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const socket = createSocket({ type: server.includes(':') ? 'udp6' : 'udp4' });
    const done = (answer: Buffer | undefined): void => {
      clearTimeout(timer);
      socket.close();
      resolve(answer);
    };
    const timer = setTimeout(() => done(undefined), FORWARD_TIMEOUT_MS);
    socket.on('message', (answer, from) => {
      // Only the server we asked, with the question's id, may answer.
      if (from.address === server && answer.readUInt16BE(0) === message.readUInt16BE(0)) done(answer);
    });
    // ENETUNREACH, EHOSTUNREACH and the like: this server cannot be reached, try the next.
    socket.on('error', () => done(undefined));
    socket.send(message, port, server);
  });
}
