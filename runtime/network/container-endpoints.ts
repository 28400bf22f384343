/**
 * Which networks a container joins, read from its create request as Docker reads it:
 * `HostConfig.NetworkMode` names the first one (`default` and `bridge` mean the predefined bridge
 * network), and `NetworkingConfig.EndpointsConfig` may add more (compose sends every network of
 * the service there, the first one also as the mode). `host` keeps the engine's namespace,
 * `none` gets an empty one, `container:<id>` shares another's: none of these has endpoints.
 *
 * Pure.
 */
import type { EndpointSettings, HostConfig, NetworkingConfig } from '../api/engine-types.js';

export type NetworkModeKind =
  | { kind: 'networks'; names: string[] }
  | { kind: 'host' }
  | { kind: 'none' }
  | { kind: 'container'; reference: string };

export const DEFAULT_BRIDGE = 'bridge';

export function networkMode(
  hostConfig: Pick<HostConfig, 'NetworkMode'>,
  networking: NetworkingConfig | undefined,
): NetworkModeKind {
  const mode = hostConfig.NetworkMode || 'default';
  if (mode === 'host') return { kind: 'host' };
  if (mode === 'none') return { kind: 'none' };
  if (mode.startsWith('container:')) return { kind: 'container', reference: mode.slice('container:'.length) };
  const primary = mode === 'default' ? DEFAULT_BRIDGE : mode;
  const others = Object.keys(networking?.EndpointsConfig ?? {})
    .filter((name) => name !== primary && !(primary === DEFAULT_BRIDGE && name === 'default'))
    .sort();
  return { kind: 'networks', names: [primary, ...others] };
}

/** The endpoint settings the client sent for one network, found by the name or id it used. */
export function requestedEndpoint(
  networking: NetworkingConfig | undefined,
  names: readonly string[],
): EndpointSettings {
  const configs = networking?.EndpointsConfig ?? {};
  for (const name of names) {
    const config = configs[name];
    if (config) return config;
  }
  return {};
}
