/**
 * One API request as a handler sees it: the route's parameters, the query, the negotiated
 * version, the body (read on demand) and the reply. Handlers are `(call) => Promise<void>`.
 */
import type { IncomingMessage } from 'node:http';
import { badParameter } from './api-error.js';
import type { Reply } from './reply.js';
import type { RouteDefinition } from './router.js';

export interface ApiCall {
  params: Record<string, string>;
  query: URLSearchParams;
  /** The version the client asked for, or our newest. */
  version: string;
  headers: IncomingMessage['headers'];
  reply: Reply;
  /** The JSON body; `{}` when there is none. Throws a 400 on malformed JSON. */
  body(): Promise<unknown>;
}

export type Handler = (call: ApiCall) => Promise<void>;
export type Route = RouteDefinition<Handler>;

/** Docker refuses bodies over a few MB for JSON endpoints; 10 MiB is ample for create requests. */
const MAX_JSON_BODY = 10 * 1024 * 1024;

export async function readJsonBody(request: IncomingMessage, head?: Buffer): Promise<unknown> {
  const chunks: Buffer[] = head && head.length > 0 ? [head] : [];
  let size = head?.length ?? 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BODY) throw badParameter('request body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badParameter(`invalid JSON: ${(error as Error).message}`);
  }
}

/** The body as an object, or a 400 naming what was expected. */
export function expectObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badParameter(`invalid ${what}: expected a JSON object`);
  }
  return value as Record<string, unknown>;
}
