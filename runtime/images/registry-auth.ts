/**
 * Answers a registry's 401 challenge, the way Docker does: for `Bearer`, fetch a token from the
 * challenge's realm for our repository's scope (anonymously, or with the user's credentials as
 * Basic auth, or by exchanging an identity token through OAuth2), then send it as
 * `Authorization: Bearer …`; for `Basic`, send the credentials themselves. A registry that
 * answers without a challenge needs no auth at all, and none is sent.
 *
 * Holds one repository's token for the length of a pull; it does not persist tokens.
 */
import { ImageError, RegistryError } from './image-errors.js';
import { isRecord } from './manifest.js';
import { parseWwwAuthenticate } from './www-authenticate.js';

/** What Docker's `X-Registry-Auth` header carries, already decoded. */
export interface RegistryCredentials {
  username?: string;
  password?: string;
  /** An OAuth2 refresh token from `docker login` against a token server. */
  identityToken?: string;
  /** A bearer token to send as is. */
  registryToken?: string;
}

export type FetchFunction = typeof fetch;

export class RegistryAuth {
  #authorization: string | undefined;

  constructor(
    private readonly scope: string,
    private readonly credentials: RegistryCredentials | undefined,
    private readonly fetchFn: FetchFunction,
    private readonly userAgent: string,
  ) {
    if (credentials?.registryToken) this.#authorization = `Bearer ${credentials.registryToken}`;
  }

  /** The `Authorization` header to send, once a challenge has been answered. */
  get authorization(): string | undefined {
    return this.#authorization;
  }

  /** Reads the 401 `response`'s challenge and gets the credentials it asks for. */
  async answer(response: Response): Promise<void> {
    const header = response.headers.get('www-authenticate');
    const challenges = header ? parseWwwAuthenticate(header) : [];
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    if (bearer) {
      this.#authorization = `Bearer ${await this.fetchToken(bearer.params)}`;
      return;
    }
    if (challenges.some((c) => c.scheme === 'basic') && this.basic()) {
      this.#authorization = this.basic();
      return;
    }
    throw new ImageError(
      401,
      `registry asks for authentication (${header ?? 'no challenge'}) and no credentials were given`,
    );
  }

  private basic(): string | undefined {
    const { username, password } = this.credentials ?? {};
    if (username === undefined || username === '') return undefined;
    return `Basic ${Buffer.from(`${username}:${password ?? ''}`).toString('base64')}`;
  }

  private async fetchToken(params: Record<string, string>): Promise<string> {
    const realm = params.realm;
    if (!realm) throw new RegistryError(401, 'bearer challenge without a realm');
    const url = new URL(realm);
    const headers: Record<string, string> = { 'user-agent': this.userAgent };
    let response: Response;
    try {
      if (this.credentials?.identityToken) {
        // Docker's OAuth2 refresh-token exchange (distribution's token spec, "oauth").
        const form = new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: this.credentials.identityToken,
          client_id: 'tscompose',
          scope: this.scope,
        });
        if (params.service) form.set('service', params.service);
        headers['content-type'] = 'application/x-www-form-urlencoded';
        response = await this.fetchFn(url, { method: 'POST', headers, body: form });
      } else {
        if (params.service) url.searchParams.set('service', params.service);
        url.searchParams.set('scope', this.scope);
        const basic = this.basic();
        if (basic) headers.authorization = basic;
        response = await this.fetchFn(url, { headers });
      }
    } catch (error) {
      throw new RegistryError(500, `token request to ${url.origin} failed: ${describeFetchError(error)}`, {
        cause: error,
      });
    }
    if (response.status === 401 || response.status === 403) {
      throw new ImageError(
        response.status,
        `token server ${url.origin} refused the credentials (${response.status})`,
      );
    }
    if (!response.ok) throw new RegistryError(500, `token server ${url.origin} answered ${response.status}`);
    const body: unknown = await response.json();
    const token = isRecord(body) ? (body.token ?? body.access_token) : undefined;
    if (typeof token !== 'string' || token === '') {
      throw new RegistryError(500, `token server ${url.origin} sent no token`);
    }
    return token;
  }
}

/** Node's fetch hides the reason (`ECONNREFUSED` …) in `cause`; users need it. */
export function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}
