/**
 * The addresses slirp4netns gives the engine's network namespace (rootlesskit's defaults, which
 * the namespaces are started with): the host is reached at the gateway's host-loopback address,
 * which forwards to the host's 127.0.0.1 because host loopback is left enabled. Docker's
 * `host-gateway` (extra_hosts) resolves to it, and so does a pull from a loopback registry.
 */
export const SLIRP_HOST_LOOPBACK = '10.0.2.2';
