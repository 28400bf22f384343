/**
 * Container lifecycle: create, list, inspect, start, stop, kill, restart, wait, rename, remove. Each
 * handler reads the query, calls ContainerService once and answers with Docker's status code
 * (201 created, 204 done, 304 nothing to do). Output (logs, attach) is container-output-routes.ts.
 */
import { badParameter, toApiError } from '../api-error.js';
import { expectObject, type Route } from '../api-call.js';
import type { ContainerService, StopOptions } from '../engine-services.js';
import type { ContainerCreateRequest, ContainerWaitResponse, WaitCondition } from '../engine-types.js';
import { readBool, readFilters, readInt, readString } from '../query.js';

const WAIT_CONDITIONS: readonly WaitCondition[] = ['not-running', 'next-exit', 'removed'];

export function containerRoutes(containers: ContainerService): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/containers/create',
      handler: async ({ query, body, reply }) => {
        const request = expectObject(await body(), 'container config') as ContainerCreateRequest;
        reply.json(201, await containers.create(request, readString(query, 'name')));
      },
    },
    {
      method: 'GET',
      pattern: '/containers/json',
      handler: async ({ query, reply }) => {
        const limit = readInt(query, 'limit');
        const options = {
          all: readBool(query, 'all'),
          filters: readFilters(query),
          ...(limit !== undefined && limit > 0 && { limit }),
        };
        reply.json(200, await containers.list(options));
      },
    },
    {
      method: 'GET',
      pattern: '/containers/{id}/json',
      handler: async ({ params, reply }) => reply.json(200, await containers.inspect(id(params))),
    },
    {
      method: 'POST',
      pattern: '/containers/{id}/start',
      handler: async ({ params, reply }) => {
        await containers.start(id(params));
        reply.empty(204);
      },
    },
    {
      method: 'POST',
      pattern: '/containers/{id}/stop',
      handler: async ({ params, query, reply }) => {
        await containers.stop(id(params), stopOptions(query));
        reply.empty(204);
      },
    },
    {
      method: 'POST',
      pattern: '/containers/{id}/restart',
      handler: async ({ params, query, reply }) => {
        await containers.restart(id(params), stopOptions(query));
        reply.empty(204);
      },
    },
    {
      method: 'POST',
      pattern: '/containers/{id}/kill',
      handler: async ({ params, query, reply }) => {
        await containers.kill(id(params), readString(query, 'signal') ?? 'SIGKILL');
        reply.empty(204);
      },
    },
    {
      method: 'POST',
      pattern: '/containers/{id}/wait',
      handler: async ({ params, query, reply }) => {
        const condition = (readString(query, 'condition') ?? 'not-running') as WaitCondition;
        if (!WAIT_CONDITIONS.includes(condition)) {
          throw badParameter(`invalid condition: ${JSON.stringify(condition)}`);
        }
        // Docker answers 404 before committing to a 200, then sends the head at once: the docker
        // CLI starts the container only after it has the head, so the wait is in place first.
        await containers.inspect(id(params));
        const result = containers.wait(id(params), condition);
        const sink = reply.stream('application/json');
        let answer: ContainerWaitResponse;
        try {
          answer = await result;
        } catch (error) {
          answer = { StatusCode: -1, Error: { Message: toApiError(error).message } };
        }
        await sink.write(`${JSON.stringify(answer)}\n`);
        sink.end();
      },
    },
    {
      method: 'POST',
      pattern: '/containers/{id}/rename',
      handler: async ({ params, query, reply }) => {
        await containers.rename(id(params), readString(query, 'name'));
        reply.empty(204);
      },
    },
    {
      method: 'DELETE',
      pattern: '/containers/{id}',
      handler: async ({ params, query, reply }) => {
        await containers.remove(id(params), {
          force: readBool(query, 'force'),
          volumes: readBool(query, 'v'),
        });
        reply.empty(204);
      },
    },
  ];
}

function id(params: Record<string, string>): string {
  return params.id ?? '';
}

function stopOptions(query: URLSearchParams): StopOptions {
  const timeout = readInt(query, 't');
  const signal = readString(query, 'signal');
  return { ...(timeout !== undefined && { timeout }), ...(signal !== undefined && { signal }) };
}
