/**
 * `/_ping` (GET and HEAD), `/version` and `/info`. The ping answer's headers are what clients
 * negotiate from (reply.ts adds `Api-Version` to every answer); its body is Docker's `OK`.
 */
import type { Route } from '../api-call.js';
import type { SystemService } from '../engine-services.js';

export function systemRoutes(system: SystemService): Route[] {
  return [
    { method: 'GET', pattern: '/_ping', handler: async ({ reply }) => reply.text(200, 'OK') },
    { method: 'HEAD', pattern: '/_ping', handler: async ({ reply }) => reply.empty(200) },
    {
      method: 'GET',
      pattern: '/version',
      handler: async ({ reply }) => reply.json(200, await system.version()),
    },
    { method: 'GET', pattern: '/info', handler: async ({ reply }) => reply.json(200, await system.info()) },
  ];
}
