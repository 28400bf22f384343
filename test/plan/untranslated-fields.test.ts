// Every field a service sets is translated, handled elsewhere, or named as not supported yet.
import { describe, expect, it } from 'vitest';
import type { Project, ServiceConfig } from '../../src/compose/project.js';
import { untranslatedFields } from '../../src/plan/untranslated-fields.js';

const project: Project = {
  name: 'demo',
  services: {},
  secrets: { fromFile: { file: '/s' }, fromEnv: { environment: 'TOKEN' } },
};

describe('untranslatedFields', () => {
  it.each<{ name: string; service: ServiceConfig; expected: string[] }>([
    {
      name: 'a plain service',
      service: { image: 'web', command: ['x'], scale: 2, depends_on: {} },
      expected: [],
    },
    { name: 'extensions are not fields', service: { image: 'web', 'x-note': 1 }, expected: [] },
    {
      name: 'unknown fields',
      service: { image: 'web', gpus: 'all', post_start: [] },
      expected: ['gpus', 'post_start'],
    },
    { name: 'links with an alias', service: { links: ['db', 'cache:redis'] }, expected: ['links (aliases)'] },
    {
      name: 'image mounts',
      service: { volumes: [{ type: 'image', source: 'img', target: '/i' }] },
      expected: ['volumes (type image)'],
    },
    {
      name: 'secrets not from a file, and ownership settings',
      service: { secrets: [{ source: 'fromFile', uid: '1' }, { source: 'fromEnv' }] },
      expected: ['secrets (not from a file)', 'secrets (uid, gid, mode)'],
    },
    {
      name: 'swarm-only deploy keys are ignored, device reservations are named',
      service: {
        deploy: {
          replicas: 2,
          placement: {},
          resources: { limits: { memory: 1 }, reservations: { devices: [{ capabilities: ['gpu'] }] } },
        },
      },
      expected: ['deploy.resources.reservations.devices'],
    },
    {
      name: 'network settings the engine cannot apply yet',
      service: { networks: { default: { interface_name: 'eth1' } } },
      expected: ['networks.interface_name'],
    },
  ])('$name', ({ service, expected }) => {
    expect(untranslatedFields(service, project)).toEqual(expected);
  });
});
