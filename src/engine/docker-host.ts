/**
 * Reads `DOCKER_HOST` as Docker's CLI does, for the schemes tscompose supports: `unix:///path`
 * and `tcp://host[:port]` (2375, or 2376 with TLS). `ssh://`, `npipe://` and `fd://` are refused
 * with a message, not silently ignored. Pure: the value and the TLS switch come in as arguments.
 */

export type EngineEndpoint =
  { kind: 'unix'; socketPath: string } | { kind: 'tcp'; host: string; port: number; tls: boolean };

export class DockerHostError extends Error {
  override readonly name = 'DockerHostError';
}

export function parseDockerHost(value: string, options: { tls: boolean } = { tls: false }): EngineEndpoint {
  const text = value.trim();
  if (text.startsWith('/')) return { kind: 'unix', socketPath: text };
  const scheme = /^([a-z0-9+.-]+):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (scheme === 'unix') {
    const socketPath = text.slice('unix://'.length);
    if (!socketPath.startsWith('/')) {
      throw new DockerHostError(`DOCKER_HOST ${JSON.stringify(value)}: a unix socket needs an absolute path`);
    }
    return { kind: 'unix', socketPath };
  }
  if (scheme === 'tcp' || scheme === 'http' || scheme === 'https') {
    const url = new URL(text.replace(/^tcp:/i, 'http:'));
    if (url.hostname === '') throw new DockerHostError(`DOCKER_HOST ${JSON.stringify(value)}: no host`);
    const tls = options.tls || scheme === 'https';
    const port = url.port === '' ? (tls ? 2376 : 2375) : Number(url.port);
    return { kind: 'tcp', host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port, tls };
  }
  throw new DockerHostError(
    `DOCKER_HOST ${JSON.stringify(value)}: unsupported scheme; use unix:///path/to/socket or tcp://host:port`,
  );
}
