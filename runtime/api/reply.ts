/**
 * How a handler answers, whether the request came as an ordinary HTTP request (Node's
 * ServerResponse) or as an upgrade whose raw socket we now own (attach hijacks the connection,
 * as Docker does, answering `101 UPGRADED`). Handlers call json / empty / stream / hijack and
 * never touch Node's objects, so the same handler serves both. Every answer carries Docker's
 * identifying headers (`Api-Version`, `Ostype` …), which clients read to negotiate.
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex, Writable } from 'node:stream';
import type { ApiError } from './api-error.js';
import { MAX_API_VERSION } from './api-version.js';

/** A streamed body: write waits when the peer is slow; end finishes the answer. */
export interface StreamSink {
  write(chunk: Buffer | string): Promise<void>;
  end(): void;
  /** Aborted when the peer goes away before we end. */
  readonly closed: AbortSignal;
}

export interface Reply {
  json(status: number, body: unknown): void;
  /** An answer with no body: 204 done, 304 nothing to do, 200 with a plain text body. */
  empty(status: number): void;
  text(status: number, body: string): void;
  error(error: ApiError): void;
  stream(contentType: string): StreamSink;
  /** Takes over the connection for raw output: 101 for upgrade requests, else a streamed 200. */
  hijack(contentType: string): StreamSink;
  /** True once a status line has been sent. */
  readonly started: boolean;
  /** Ends the answer if the handler left it open (it failed mid-stream). */
  finish(): void;
  /** Aborted when the peer goes away. */
  readonly closed: AbortSignal;
}

export function identityHeaders(serverVersion: string): Record<string, string> {
  return {
    'Api-Version': MAX_API_VERSION,
    'Docker-Experimental': 'false',
    Ostype: 'linux',
    Server: `tscompose-engine/${serverVersion} (linux)`,
  };
}

function errorBody(error: ApiError): string {
  return JSON.stringify({ message: error.message });
}

/** A reply on Node's ServerResponse: the ordinary path. */
export function httpReply(
  request: IncomingMessage,
  response: ServerResponse,
  headers: Record<string, string>,
): Reply {
  const closed = new AbortController();
  response.on('close', () => closed.abort());
  request.on('close', () => {
    if (!response.writableFinished) closed.abort();
  });
  const head = (status: number, extra: Record<string, string | number>) =>
    response.writeHead(status, { ...headers, ...extra });
  const sink = (): StreamSink => ({
    closed: closed.signal,
    write: (chunk) => writeWithBackpressure(response, chunk),
    end: () => response.end(),
  });
  return {
    get started() {
      return response.headersSent;
    },
    finish() {
      if (!response.writableEnded) response.end();
    },
    closed: closed.signal,
    json(status, body) {
      const text = JSON.stringify(body);
      head(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
      response.end(text);
    },
    empty(status) {
      head(status, {});
      response.end();
    },
    text(status, body) {
      head(status, {
        'Content-Type': 'text/plain; charset=utf-8',
        'Content-Length': Buffer.byteLength(body),
      });
      response.end(body);
    },
    error(error) {
      if (error.statusCode === 304) return this.empty(304);
      this.json(error.statusCode, JSON.parse(errorBody(error)));
    },
    stream(contentType) {
      head(200, { 'Content-Type': contentType });
      // Send the head now: clients (docker events, wait) treat it as "the engine is listening".
      response.flushHeaders();
      return sink();
    },
    hijack(contentType) {
      return this.stream(contentType);
    },
  };
}

/** A reply written raw on a socket taken over from Node's parser (an upgrade request). */
export function socketReply(socket: Duplex, headers: Record<string, string>): Reply {
  const closed = new AbortController();
  let started = false;
  let ended = false;
  socket.on('close', () => {
    if (!ended) closed.abort();
  });
  socket.on('error', () => closed.abort());
  const statusLine = (status: number, reason = STATUS_CODES[status] ?? '') =>
    `HTTP/1.1 ${status} ${reason}\r\n`;
  const writeHead = (status: number, extra: Record<string, string | number>, reason?: string) => {
    started = true;
    const all = { ...headers, ...extra };
    const lines = Object.entries(all).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.write(statusLine(status, reason) + lines.join('') + '\r\n');
  };
  const finish = (body?: string) => {
    ended = true;
    socket.end(body);
  };
  const sink = (): StreamSink => ({
    closed: closed.signal,
    write: (chunk) => writeWithBackpressure(socket, chunk),
    end: () => finish(),
  });
  return {
    get started() {
      return started;
    },
    finish() {
      if (!ended) finish();
    },
    closed: closed.signal,
    json(status, body) {
      const text = JSON.stringify(body);
      writeHead(status, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(text),
        Connection: 'close',
      });
      finish(text);
    },
    empty(status) {
      writeHead(status, { 'Content-Length': 0, Connection: 'close' });
      finish();
    },
    text(status, body) {
      writeHead(status, {
        'Content-Type': 'text/plain; charset=utf-8',
        'Content-Length': Buffer.byteLength(body),
        Connection: 'close',
      });
      finish(body);
    },
    error(error) {
      if (error.statusCode === 304) return this.empty(304);
      this.json(error.statusCode, JSON.parse(errorBody(error)));
    },
    stream(contentType) {
      // Without a length the body runs until we close the connection, as a hijacked stream does.
      writeHead(200, { 'Content-Type': contentType, Connection: 'close' });
      return sink();
    },
    hijack(contentType) {
      writeHead(101, { 'Content-Type': contentType, Connection: 'Upgrade', Upgrade: 'tcp' }, 'UPGRADED');
      return sink();
    },
  };
}

function writeWithBackpressure(target: Writable, chunk: Buffer | string): Promise<void> {
  return new Promise<void>((resolve) => {
    if (target.destroyed || target.writableEnded) return resolve();
    if (target.write(chunk)) return resolve();
    // A peer that goes away never drains; settle on close as well so the writer can stop.
    const settle = () => {
      target.off('drain', settle);
      target.off('close', settle);
      resolve();
    };
    target.on('drain', settle);
    target.on('close', settle);
  });
}
