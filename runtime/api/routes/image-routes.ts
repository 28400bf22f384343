/**
 * Images: pull (`POST /images/create`, streaming Docker's progress JSON), list, inspect and
 * remove. A pull's status code is decided by its first event: errors before any progress are
 * answered as Docker's JSON errors (404 unknown image, 400 bad reference); once progress has
 * gone out, an error becomes the stream's last line, `{"error": …, "errorDetail": …}`, as Docker does.
 */
import { ApiError, badParameter, toApiError } from '../api-error.js';
import type { Route } from '../api-call.js';
import type { ImageService, RegistryAuth } from '../engine-services.js';
import type { PullProgress, StreamError } from '../engine-types.js';
import { readBool, readFilters, readString } from '../query.js';
import type { StreamSink } from '../reply.js';

export function imageRoutes(images: ImageService): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/images/create',
      handler: async ({ query, headers, reply }) => {
        if (readString(query, 'fromSrc') !== undefined) {
          throw new ApiError(501, 'importing images (fromSrc) is not supported');
        }
        const fromImage = readString(query, 'fromImage');
        if (fromImage === undefined) throw badParameter('fromImage is required');
        const reference = joinReference(fromImage, readString(query, 'tag'));
        const auth = decodeRegistryAuth(headerValue(headers['x-registry-auth']));
        let sink: StreamSink | undefined;
        let writing = Promise.resolve();
        const onProgress = (progress: PullProgress) => {
          sink ??= reply.stream('application/json');
          const out = sink;
          writing = writing.then(() => out.write(`${JSON.stringify(progress)}\n`));
        };
        try {
          await images.pull(reference, {
            onProgress,
            signal: reply.closed,
            ...(auth && { auth }),
            ...(readString(query, 'platform') !== undefined && { platform: readString(query, 'platform') }),
          });
          await writing;
          if (!sink) reply.empty(200);
        } catch (error) {
          if (!sink) throw error;
          await writing;
          const { message } = toApiError(error);
          const line: StreamError = { error: message, errorDetail: { message } };
          await sink.write(`${JSON.stringify(line)}\n`);
        } finally {
          sink?.end();
        }
      },
    },
    {
      method: 'GET',
      pattern: '/images/json',
      handler: async ({ query, reply }) =>
        reply.json(200, await images.list({ filters: readFilters(query) })),
    },
    {
      method: 'GET',
      pattern: '/images/{name*}/json',
      handler: async ({ params, reply }) => reply.json(200, await images.inspect(params.name ?? '')),
    },
    {
      method: 'DELETE',
      pattern: '/images/{name*}',
      handler: async ({ params, query, reply }) => {
        const options = { force: readBool(query, 'force'), noprune: readBool(query, 'noprune') };
        reply.json(200, await images.remove(params.name ?? '', options));
      },
    },
  ];
}

/**
 * `fromImage` + `tag` as one reference: Docker's CLI sends `fromImage=busybox&tag=latest`, or a
 * digest as the tag. A tag inside fromImage wins when tag is empty.
 */
export function joinReference(fromImage: string, tag: string | undefined): string {
  if (tag === undefined || tag === '') return fromImage;
  return /^[a-z0-9]+:[a-f0-9]{32,}$/i.test(tag) ? `${fromImage}@${tag}` : `${fromImage}:${tag}`;
}

/** `X-Registry-Auth`: base64url JSON. Docker treats an undecodable header as no credentials. */
export function decodeRegistryAuth(header: string | undefined): RegistryAuth | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const auth: RegistryAuth = {};
    for (const key of ['username', 'password', 'serveraddress', 'identitytoken', 'registrytoken'] as const) {
      const value = (parsed as Record<string, unknown>)[key];
      if (typeof value === 'string' && value !== '') auth[key] = value;
    }
    return Object.keys(auth).length > 0 ? auth : undefined;
  } catch (error) {
    // SyntaxError from JSON.parse: a malformed header means anonymous, as in Docker.
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
