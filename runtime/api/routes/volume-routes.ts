/**
 * Volumes: list, create, inspect, remove and prune, each one call on VolumeService. Prune is
 * answered only when the service offers it (501 otherwise).
 */
import { ApiError } from '../api-error.js';
import { expectObject, type Route } from '../api-call.js';
import type { VolumeService } from '../engine-services.js';
import type { VolumeCreateRequest, VolumeListResponse } from '../engine-types.js';
import { readBool, readFilters } from '../query.js';

export function volumeRoutes(volumes: VolumeService): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/volumes',
      handler: async ({ query, reply }) => {
        const list: VolumeListResponse = {
          Volumes: await volumes.list({ filters: readFilters(query) }),
          Warnings: [],
        };
        reply.json(200, list);
      },
    },
    {
      method: 'POST',
      pattern: '/volumes/create',
      handler: async ({ body, reply }) => {
        const request = expectObject(await body(), 'volume config') as VolumeCreateRequest;
        reply.json(201, await volumes.create(request));
      },
    },
    {
      method: 'POST',
      pattern: '/volumes/prune',
      handler: async ({ query, reply }) => {
        if (!volumes.prune) throw new ApiError(501, 'volume prune is not supported by this engine');
        reply.json(200, await volumes.prune({ filters: readFilters(query) }));
      },
    },
    {
      method: 'GET',
      pattern: '/volumes/{name}',
      handler: async ({ params, reply }) => reply.json(200, await volumes.inspect(params.name ?? '')),
    },
    {
      method: 'DELETE',
      pattern: '/volumes/{name}',
      handler: async ({ params, query, reply }) => {
        await volumes.remove(params.name ?? '', { force: readBool(query, 'force') });
        reply.empty(204);
      },
    },
  ];
}
