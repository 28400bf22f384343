/**
 * Reaching a registry on the host's loopback from inside the engine's network namespace.
 *
 * The engine lives in rootlesskit's network namespace (it must: the DNS servers of issue 5 bind
 * inside it), where 127.0.0.1 is the namespace's own loopback, not the host's. slirp4netns
 * forwards its gateway's host-loopback address (10.0.2.2) to the host's 127.0.0.1, so a pull
 * from `127.0.0.1:5000/app` or `localhost:5000/app` (a developer's local registry, the tests'
 * registry) connects there instead. The URL keeps its scheme and port; only the address
 * changes, and only for loopback hosts, so token realms on the same registry follow as well.
 */
import type { FetchFunction } from './registry-auth.js';
import { isLoopback } from './registry-endpoint.js';

/** slirp4netns's address for the host's loopback (its default `--disable-host-loopback=false`). */
export const SLIRP_HOST_LOOPBACK = '10.0.2.2';

export function hostLoopbackFetch(
  base: FetchFunction,
  hostLoopback: string = SLIRP_HOST_LOOPBACK,
): FetchFunction {
  return (input, init) => base(throughHostLoopback(input, hostLoopback), init);
}

/** The same request target with a loopback host replaced by `hostLoopback`. Pure. */
export function throughHostLoopback(
  input: Parameters<FetchFunction>[0],
  hostLoopback: string,
): Parameters<FetchFunction>[0] {
  if (input instanceof Request) return input;
  const url = new URL(input);
  if (!isLoopback(url.host)) return input;
  url.hostname = hostLoopback;
  return url;
}
