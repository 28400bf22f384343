/**
 * Talks to one repository of one registry over the OCI distribution API with node's fetch:
 * `GET /v2/<name>/manifests/<tag|digest>` (accepting OCI and Docker manifests and indexes) and
 * `GET /v2/<name>/blobs/<digest>` (following redirects to a CDN; fetch drops our Authorization
 * header when the redirect leaves the registry's origin). A 401 is answered once through
 * `RegistryAuth` and the request repeated.
 *
 * Manifests are small and read whole, then checked against the digest they were asked by and the
 * registry's `Docker-Content-Digest`. Blobs are handed back as a stream: verifying them while
 * they stream is the blob store's job.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ContentError, ImageError, RegistryError } from './image-errors.js';
import { SHA256_DIGEST } from './image-reference.js';
import { MANIFEST_ACCEPT, isRecord } from './manifest.js';
import {
  RegistryAuth,
  describeFetchError,
  type FetchFunction,
  type RegistryCredentials,
} from './registry-auth.js';
import { registryBaseUrl } from './registry-endpoint.js';

/** Manifests past this size are refused: real ones are a few kilobytes. */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

export interface RegistryClientOptions {
  credentials?: RegistryCredentials;
  fetch?: FetchFunction;
  userAgent?: string;
  /** Overrides the URL `registryBaseUrl` picks (tests, mirrors). */
  baseUrl?: string;
}

export interface FetchedManifest {
  bytes: Buffer;
  /** `sha256:` of `bytes`. */
  digest: string;
  contentType: string | undefined;
}

export class RegistryClient {
  private readonly baseUrl: string;
  private readonly fetchFn: FetchFunction;
  private readonly userAgent: string;
  private readonly auth: RegistryAuth;

  constructor(
    private readonly domain: string,
    private readonly repository: string,
    options: RegistryClientOptions = {},
  ) {
    this.baseUrl = options.baseUrl ?? registryBaseUrl(domain);
    this.fetchFn = options.fetch ?? fetch;
    this.userAgent = options.userAgent ?? 'tscompose';
    this.auth = new RegistryAuth(
      `repository:${repository}:pull`,
      options.credentials,
      this.fetchFn,
      this.userAgent,
    );
  }

  /** The manifest named by a tag or a digest. */
  async getManifest(tagOrDigest: string, signal?: AbortSignal): Promise<FetchedManifest> {
    const what = `${this.domain}/${this.repository}:${tagOrDigest}`;
    const response = await this.request(
      `manifests/${tagOrDigest}`,
      { accept: MANIFEST_ACCEPT },
      signal,
      what,
    );
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > MAX_MANIFEST_BYTES) {
      throw new ContentError(
        `manifest for ${what} is ${declared} bytes, more than the ${MAX_MANIFEST_BYTES} allowed`,
      );
    }
    const bytes = Buffer.from(await response.arrayBuffer());
    if (bytes.length > MAX_MANIFEST_BYTES) throw new ContentError(`manifest for ${what} is too large`);
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    if (SHA256_DIGEST.test(tagOrDigest) && digest !== tagOrDigest) {
      throw new ContentError(`manifest for ${what} has digest ${digest}, not the one asked for`);
    }
    const advertised = response.headers.get('docker-content-digest');
    if (advertised !== null && advertised.startsWith('sha256:') && advertised !== digest) {
      throw new ContentError(`manifest for ${what} has digest ${digest}, the registry says ${advertised}`);
    }
    return { bytes, digest, contentType: response.headers.get('content-type') ?? undefined };
  }

  /** The blob's bytes as they arrive; the caller verifies digest and size. */
  async getBlob(digest: string, signal?: AbortSignal): Promise<Readable> {
    const what = `${this.domain}/${this.repository}@${digest}`;
    const response = await this.request(`blobs/${digest}`, {}, signal, what);
    if (!response.body) throw new RegistryError(500, `blob ${what}: empty response`);
    return Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  }

  private async request(
    path: string,
    headers: Record<string, string>,
    signal: AbortSignal | undefined,
    what: string,
  ): Promise<Response> {
    const url = `${this.baseUrl}/v2/${this.repository}/${path}`;
    let response = await this.send(url, headers, signal);
    if (response.status === 401) {
      await response.body?.cancel();
      await this.auth.answer(response);
      response = await this.send(url, headers, signal);
    }
    if (response.ok) return response;
    const detail = await readRegistryError(response);
    if (response.status === 404) {
      throw new ImageError(
        404,
        `${path.startsWith('manifests/') ? 'manifest' : 'blob'} for ${what} not found: ${detail}`,
      );
    }
    if (response.status === 401 || response.status === 403) {
      throw new ImageError(
        response.status,
        `pull access denied for ${this.domain}/${this.repository}, repository does not exist or may require authorization: ${detail}`,
      );
    }
    throw new RegistryError(
      500,
      `registry ${this.baseUrl} answered ${response.status} for ${what}: ${detail}`,
    );
  }

  private async send(
    url: string,
    headers: Record<string, string>,
    signal: AbortSignal | undefined,
  ): Promise<Response> {
    const all: Record<string, string> = { 'user-agent': this.userAgent, ...headers };
    if (this.auth.authorization) all.authorization = this.auth.authorization;
    try {
      return await this.fetchFn(url, { headers: all, signal: signal ?? null, redirect: 'follow' });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new RegistryError(500, `GET ${url}: ${describeFetchError(error)}`, { cause: error });
    }
  }
}

/** The message of distribution's error body (`{"errors":[{"code","message"}]}`), else the status text. */
async function readRegistryError(response: Response): Promise<string> {
  const text = await response
    .text()
    .catch((error: unknown) => `(body unreadable: ${describeFetchError(error)})`);
  try {
    const body: unknown = JSON.parse(text);
    const errors = isRecord(body) && Array.isArray(body.errors) ? body.errors : [];
    const messages = errors.filter(isRecord).map((e) => [e.code, e.message].filter(Boolean).join(': '));
    if (messages.length > 0) return messages.join('; ');
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): fall back to the status line below.
  }
  return `${response.status} ${response.statusText}`.trim();
}
