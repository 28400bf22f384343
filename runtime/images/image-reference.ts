/**
 * Image references as Docker reads them: `busybox`, `busybox:1.36`, `user/app`,
 * `127.0.0.1:5000/busybox:latest`, `busybox@sha256:…`, `ghcr.io/o/r:t@sha256:…`.
 *
 * The rules are distribution/reference's (`ParseNormalizedNamed` then `TagNameOnly`): the first
 * path component is a registry only when it has a `.` or a `:`, is `localhost`, or has an upper
 * case letter; otherwise the registry is Docker Hub (`docker.io`, also spelled
 * `index.docker.io`), where one-component names live under `library/`. Repository names are
 * lower case; a reference with neither tag nor digest means `:latest`.
 *
 * Pure: no registry is asked anything here. Only sha256 digests are accepted, the one algorithm
 * registries use and the blob store verifies.
 */
import { InvalidReferenceError } from './image-errors.js';

export const DOCKER_HUB_DOMAIN = 'docker.io';
const LEGACY_HUB_DOMAIN = 'index.docker.io';
const OFFICIAL_NAMESPACE = 'library';
const MAX_NAME_LENGTH = 255;

export interface ImageReference {
  /** The registry's host and port: `docker.io`, `127.0.0.1:5000`, `[::1]:5000`. */
  readonly domain: string;
  /** The repository inside the registry: `library/busybox`, `user/app`. */
  readonly path: string;
  /** `latest` when the text had neither tag nor digest. */
  readonly tag: string | undefined;
  /** `sha256:` and 64 lower-case hex digits. */
  readonly digest: string | undefined;
}

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(
  `^(${DOMAIN})/(${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`,
);
const FULL_HEX_ID = /^[a-f0-9]{64}$/;
export const SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;

/** Parses what a user typed into a fully qualified reference; throws `InvalidReferenceError`. */
export function parseReference(text: string): ImageReference {
  if (text === '') throw new InvalidReferenceError(text, 'empty reference');
  if (FULL_HEX_ID.test(text)) {
    throw new InvalidReferenceError(text, 'a 64-character hexadecimal string is an image id, not a name');
  }
  const { domain, remainder } = splitDomain(text);
  const remoteName = remainder.split('@')[0]?.split(':')[0] ?? '';
  if (remoteName.toLowerCase() !== remoteName) {
    throw new InvalidReferenceError(text, 'repository name must be lowercase');
  }
  const match = REFERENCE.exec(`${domain}/${remainder}`);
  if (!match) throw new InvalidReferenceError(text, 'not a valid image reference');
  const [, matchedDomain = '', path = '', tag, digest] = match;
  if (matchedDomain.length + 1 + path.length > MAX_NAME_LENGTH) {
    throw new InvalidReferenceError(
      text,
      `repository name must not be longer than ${MAX_NAME_LENGTH} characters`,
    );
  }
  if (digest !== undefined && !SHA256_DIGEST.test(digest)) {
    throw new InvalidReferenceError(text, 'unsupported digest (only sha256 with 64 lower-case hex digits)');
  }
  return { domain: matchedDomain, path, tag: tag ?? (digest === undefined ? 'latest' : undefined), digest };
}

function splitDomain(text: string): { domain: string; remainder: string } {
  const slash = text.indexOf('/');
  const first = slash === -1 ? '' : text.slice(0, slash);
  const isDomain =
    slash !== -1 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first);
  let domain = isDomain ? first : DOCKER_HUB_DOMAIN;
  let remainder = isDomain ? text.slice(slash + 1) : text;
  if (domain === LEGACY_HUB_DOMAIN) domain = DOCKER_HUB_DOMAIN;
  if (domain === DOCKER_HUB_DOMAIN && !remainder.includes('/'))
    remainder = `${OFFICIAL_NAMESPACE}/${remainder}`;
  return { domain, remainder };
}

/** The short name Docker prints: `busybox`, `user/app`, `127.0.0.1:5000/busybox`. */
export function familiarName(ref: Pick<ImageReference, 'domain' | 'path'>): string {
  if (ref.domain !== DOCKER_HUB_DOMAIN) return `${ref.domain}/${ref.path}`;
  const official = `${OFFICIAL_NAMESPACE}/`;
  return ref.path.startsWith(official) && !ref.path.slice(official.length).includes('/')
    ? ref.path.slice(official.length)
    : ref.path;
}

/** `busybox:latest`, the `RepoTags` entry; undefined for a reference by digest only. */
export function repoTag(ref: ImageReference): string | undefined {
  return ref.tag === undefined ? undefined : `${familiarName(ref)}:${ref.tag}`;
}

/** `busybox@sha256:…`, the `RepoDigests` entry for a manifest pulled through this repository. */
export function repoDigest(ref: Pick<ImageReference, 'domain' | 'path'>, digest: string): string {
  return `${familiarName(ref)}@${digest}`;
}

/** The reference as Docker prints it: familiar name, then `:tag`, then `@digest`. */
export function formatReference(ref: ImageReference): string {
  return `${familiarName(ref)}${ref.tag === undefined ? '' : `:${ref.tag}`}${ref.digest === undefined ? '' : `@${ref.digest}`}`;
}
