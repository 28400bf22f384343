/**
 * The API's NetworkService over the engine's parts: networks themselves from NetworkService,
 * connect and disconnect through the container service, which owns the container's record (the
 * networks it joins at its next start) and its lock; it calls the sandboxes for a running one.
 */
import type { NetworkService as ApiNetworkService } from '../api/engine-services.js';
import type { EndpointSettings } from '../api/engine-types.js';
import type { NetworkService } from './network-service.js';

export interface NetworkedContainers {
  connectNetwork(container: string, network: string, settings?: EndpointSettings): Promise<void>;
  disconnectNetwork(container: string, network: string): Promise<void>;
}

export function networkApiOver(networks: NetworkService, containers: NetworkedContainers): ApiNetworkService {
  return {
    create: (request) => networks.create(request),
    list: ({ filters }) => networks.list(filters),
    inspect: (reference) => networks.inspect(reference),
    remove: (reference) => networks.remove(reference),
    prune: ({ filters }) => networks.prune(filters),
    connect: (reference, request) =>
      containers.connectNetwork(request.Container ?? '', reference, request.EndpointConfig ?? {}),
    disconnect: (reference, request) => containers.disconnectNetwork(request.Container ?? '', reference),
  };
}
