// A small in-memory stand-in for the dockerode calls the executor makes, for unit tests of the
// plan walk only (the end-to-end tests use the real engine). It records every call, and a test
// can make one call fail. Containers with a healthcheck report healthy on their first inspect.
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';

export interface FakeDocker {
  readonly docker: Docker;
  readonly calls: string[];
  readonly events: PassThrough;
}

export function fakeDocker(options: { fail?: (call: string) => boolean } = {}): FakeDocker {
  const calls: string[] = [];
  const events = new PassThrough();
  const containers = new Map<string, { name: string; healthcheck: boolean; running: boolean }>();
  let counter = 0;
  const call = async <T>(name: string, result: () => T): Promise<T> => {
    calls.push(name);
    await Promise.resolve();
    if (options.fail?.(name))
      throw Object.assign(new Error('boom'), { statusCode: 500, json: { message: 'boom' } });
    return result();
  };
  const docker = {
    createNetwork: (request: { Name: string }) => call(`create-network ${request.Name}`, () => ({})),
    createVolume: (request: { Name: string }) => call(`create-volume ${request.Name}`, () => ({})),
    getNetwork: (name: string) => ({ remove: () => call(`remove-network ${name}`, () => undefined) }),
    getVolume: (name: string) => ({ remove: () => call(`remove-volume ${name}`, () => undefined) }),
    createContainer: (options: { _query: { name: string }; _body: { Healthcheck?: unknown } }) =>
      call(`create ${options._query.name}`, () => {
        const id = `c${++counter}`;
        containers.set(id, {
          name: options._query.name,
          healthcheck: !!options._body.Healthcheck,
          running: false,
        });
        return { id };
      }),
    getContainer: (id: string) => {
      const name = () => containers.get(id)?.name ?? id;
      return {
        start: () => call(`start ${name()}`, () => void (containers.get(id)!.running = true)),
        stop: () => call(`stop ${name()}`, () => undefined),
        remove: () => call(`remove ${name()}`, () => void containers.delete(id)),
        rename: ({ name: next }: { name: string }) =>
          call(`rename ${name()} ${next}`, () => void (containers.get(id)!.name = next)),
        inspect: () =>
          call(`inspect ${name()}`, () => {
            const container = containers.get(id)!;
            return {
              Config: container.healthcheck ? { Healthcheck: { Test: ['CMD', 'true'] } } : {},
              State: {
                Status: container.running ? 'running' : 'created',
                ...(container.healthcheck ? { Health: { Status: 'healthy' } } : {}),
              },
            };
          }),
      };
    },
    getEvents: () => call('events', () => events),
    getImage: () => ({ inspect: () => Promise.reject(Object.assign(new Error('no'), { statusCode: 404 })) }),
  };
  return { docker: docker as unknown as Docker, calls, events };
}
