/**
 * Networks: list, create, inspect, remove, prune, and connect/disconnect a container, each one
 * call on NetworkService with Docker's status codes (201 created, 200 connect and disconnect,
 * 204 removed). `/networks/create` and `/networks/prune` are declared before `/networks/{id}` so
 * they are not taken for a network's name.
 */
import { badParameter } from '../api-error.js';
import { expectObject, type Route } from '../api-call.js';
import type { NetworkService } from '../engine-services.js';
import type {
  NetworkConnectRequest,
  NetworkCreateRequest,
  NetworkDisconnectRequest,
} from '../engine-types.js';
import { readFilters } from '../query.js';

export function networkRoutes(networks: NetworkService): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/networks',
      handler: async ({ query, reply }) =>
        reply.json(200, await networks.list({ filters: readFilters(query) })),
    },
    {
      method: 'POST',
      pattern: '/networks/create',
      handler: async ({ body, reply }) => {
        const request = expectObject(await body(), 'network config') as NetworkCreateRequest;
        reply.json(201, await networks.create(request));
      },
    },
    {
      method: 'POST',
      pattern: '/networks/prune',
      handler: async ({ query, reply }) =>
        reply.json(200, await networks.prune({ filters: readFilters(query) })),
    },
    {
      method: 'GET',
      pattern: '/networks/{id}',
      handler: async ({ params, reply }) => reply.json(200, await networks.inspect(params.id ?? '')),
    },
    {
      method: 'DELETE',
      pattern: '/networks/{id}',
      handler: async ({ params, reply }) => {
        await networks.remove(params.id ?? '');
        reply.empty(204);
      },
    },
    {
      method: 'POST',
      pattern: '/networks/{id}/connect',
      handler: async ({ params, body, reply }) => {
        const request = expectObject(await body(), 'network connect request') as NetworkConnectRequest;
        if (!request.Container) throw badParameter('Container is required');
        await networks.connect(params.id ?? '', request);
        reply.empty(200);
      },
    },
    {
      method: 'POST',
      pattern: '/networks/{id}/disconnect',
      handler: async ({ params, body, reply }) => {
        const request = expectObject(await body(), 'network disconnect request') as NetworkDisconnectRequest;
        if (!request.Container) throw badParameter('Container is required');
        await networks.disconnect(params.id ?? '', request);
        reply.empty(200);
      },
    },
  ];
}
