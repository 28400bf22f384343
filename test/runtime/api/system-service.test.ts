/** `/version` and `/info` as built from the host facts and the services' counts. */
import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../runtime/api/engine-types.js';
import { buildSystemInfo, buildSystemVersion } from '../../../runtime/api/system-service.js';
import { FAKE_FACTS } from './fake-services.js';

function container(State: ContainerSummary['State']): ContainerSummary {
  return {
    Id: State,
    Names: [],
    Image: '',
    ImageID: '',
    Command: '',
    Created: 0,
    Ports: [],
    Labels: {},
    State,
    Status: '',
    HostConfig: { NetworkMode: 'host' },
    NetworkSettings: { Networks: {} },
    Mounts: [],
  };
}

describe('buildSystemInfo', () => {
  it.each([
    {
      states: [],
      expected: { Containers: 0, ContainersRunning: 0, ContainersPaused: 0, ContainersStopped: 0 },
    },
    {
      states: ['running', 'restarting', 'paused', 'exited', 'created'],
      expected: { Containers: 5, ContainersRunning: 2, ContainersPaused: 1, ContainersStopped: 2 },
    },
  ] as { states: ContainerSummary['State'][]; expected: Record<string, number> }[])(
    'counts $states',
    ({ states, expected }) => {
      const info = buildSystemInfo(FAKE_FACTS, { containers: states.map(container), images: 3 }, new Date(0));
      expect(info).toMatchObject({ ...expected, Images: 3, SystemTime: '1970-01-01T00:00:00.000Z' });
    },
  );

  it('reports the host facts where the docker CLI reads them', () => {
    const info = buildSystemInfo(FAKE_FACTS, { containers: [], images: 0 }, new Date(0));
    expect(info).toMatchObject({
      Driver: 'overlay',
      DefaultRuntime: 'runc',
      Runtimes: { runc: { path: '/usr/sbin/runc' } },
      Architecture: 'x86_64',
      OSType: 'linux',
      Swarm: { LocalNodeState: 'inactive' },
    });
  });
});

describe('buildSystemVersion', () => {
  it('advertises the API range and an Engine component', () => {
    const version = buildSystemVersion(FAKE_FACTS);
    expect(version).toMatchObject({ ApiVersion: '1.44', MinAPIVersion: '1.41', Os: 'linux', Arch: 'amd64' });
    expect(version.Components.map((component) => component.Name)).toEqual(['Engine', 'runc']);
  });
});
