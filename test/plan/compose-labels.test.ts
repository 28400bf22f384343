// Labels and names docker compose writes, as pure functions of the project, service and number.
import { describe, expect, it } from 'vitest';
import type { ServiceConfig } from '../../src/compose/project.js';
import { containerLabels, dependsOnLabel, resourceLabels } from '../../src/plan/compose-labels.js';
import { containerName, desiredScale, serviceImageName } from '../../src/plan/container-name.js';

const context = {
  projectName: 'demo',
  workingDir: '/p',
  configFiles: ['/p/compose.yaml', '/p/compose.override.yaml'],
  envFiles: ['/p/.env.local'],
  version: '0.1.0',
};

describe('compose labels', () => {
  it('labels a replica, compose’s labels winning over the user’s', () => {
    const service: ServiceConfig = { labels: { 'com.docker.compose.project': 'spoof', team: 'a' } };
    expect(
      containerLabels(context, { serviceName: 'web', service, number: 3, oneoff: false, configHash: 'h' }),
    ).toEqual({
      team: 'a',
      'com.docker.compose.project': 'demo',
      'com.docker.compose.service': 'web',
      'com.docker.compose.version': '0.1.0',
      'com.docker.compose.project.working_dir': '/p',
      'com.docker.compose.project.config_files': '/p/compose.yaml,/p/compose.override.yaml',
      'com.docker.compose.project.environment_file': '/p/.env.local',
      'com.docker.compose.oneoff': 'False',
      'com.docker.compose.config-hash': 'h',
      'com.docker.compose.container-number': '3',
      'com.docker.compose.depends_on': '',
    });
  });

  it('writes depends_on sorted, so an unchanged service keeps its label', () => {
    const service: ServiceConfig = {
      depends_on: {
        web: { condition: 'service_started', required: true },
        db: { condition: 'service_healthy', required: true, restart: true },
      },
    };
    expect(dependsOnLabel(service)).toBe('db:service_healthy:true,web:service_started:false');
  });

  it('labels networks and volumes with their key', () => {
    expect(
      resourceLabels({
        kind: 'volume',
        projectName: 'demo',
        key: 'data',
        version: '1',
        configHash: 'h',
        userLabels: { a: 'b' },
      }),
    ).toEqual({
      a: 'b',
      'com.docker.compose.volume': 'data',
      'com.docker.compose.project': 'demo',
      'com.docker.compose.version': '1',
      'com.docker.compose.config-hash': 'h',
    });
  });

  it.each([
    { service: {}, name: 'demo-web-2', image: 'demo-web', scale: 1 },
    { service: { container_name: 'site', image: 'nginx' }, name: 'site', image: 'nginx', scale: 1 },
    { service: { scale: 3, deploy: { replicas: 2 } }, name: 'demo-web-2', image: 'demo-web', scale: 3 },
    { service: { deploy: { replicas: 0 } }, name: 'demo-web-2', image: 'demo-web', scale: 0 },
  ])('names $name, runs $image, scales to $scale', ({ service, name, image, scale }) => {
    expect(containerName('demo', 'web', service, 2)).toBe(name);
    expect(serviceImageName('demo', 'web', service)).toBe(image);
    expect(desiredScale(service)).toBe(scale);
    expect(desiredScale(service, 5)).toBe(5);
  });
});
