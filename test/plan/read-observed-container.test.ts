// The engine's list and inspect answers read into ObservedContainer: labels typed once, and the
// health and exit code that `GET /containers/json` only gives inside its status text.
import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../runtime/api/engine-types.js';
import { observeContainerSummary } from '../../src/plan/read-observed-container.js';

function summary(overrides: Partial<ContainerSummary>): ContainerSummary {
  return {
    Id: 'abc',
    Names: ['/demo-web-1'],
    Image: 'web',
    ImageID: 'sha256:1',
    Command: '',
    Created: 10,
    Ports: [],
    Labels: {
      'com.docker.compose.project': 'demo',
      'com.docker.compose.service': 'web',
      'com.docker.compose.container-number': '2',
      'com.docker.compose.config-hash': 'h',
      'com.docker.compose.oneoff': 'False',
      'com.docker.compose.image': 'sha256:1',
    },
    State: 'running',
    Status: 'Up 3 seconds',
    HostConfig: { NetworkMode: 'demo_default' },
    NetworkSettings: { Networks: { demo_default: { NetworkID: 'n1' } } },
    Mounts: [],
    ...overrides,
  };
}

describe('observeContainerSummary', () => {
  it('reads the compose labels', () => {
    expect(observeContainerSummary(summary({}))).toMatchObject({
      id: 'abc',
      name: 'demo-web-1',
      project: 'demo',
      service: 'web',
      number: 2,
      oneoff: false,
      configHash: 'h',
      imageLabel: 'sha256:1',
      networks: { demo_default: 'n1' },
    });
  });

  it.each([
    { status: 'Up 3 seconds (healthy)', state: 'running', expected: { health: 'healthy' } },
    { status: 'Up 3 seconds (unhealthy)', state: 'running', expected: { health: 'unhealthy' } },
    { status: 'Up 1 second (health: starting)', state: 'running', expected: { health: 'starting' } },
    { status: 'Exited (137) 2 seconds ago', state: 'exited', expected: { exitCode: 137 } },
    { status: 'Created', state: 'created', expected: {} },
  ] as const)('reads "$status"', ({ status, state, expected }) => {
    const observed = observeContainerSummary(summary({ Status: status, State: state }));
    expect({ health: observed.health, exitCode: observed.exitCode }).toEqual({
      health: undefined,
      exitCode: undefined,
      ...expected,
    });
  });

  it('treats a container without a number label as number 0 and a one-off as one-off', () => {
    const observed = observeContainerSummary(
      summary({ Labels: { 'com.docker.compose.project': 'demo', 'com.docker.compose.oneoff': 'True' } }),
    );
    expect({ number: observed.number, oneoff: observed.oneoff }).toEqual({ number: 0, oneoff: true });
  });
});
