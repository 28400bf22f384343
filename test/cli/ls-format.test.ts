// `ls`: projects grouped from their containers, counted by state, and filtered by name.
import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../runtime/api/engine-types.js';
import { formatLsJson, formatLsTable, projectStacks } from '../../src/cli/format-ls.js';
import { matchesName } from '../../src/cli/run-ls.js';

function container(project: string, state: ContainerSummary['State'], files?: string): ContainerSummary {
  return {
    Id: `${project}-${state}`,
    Names: [`/${project}-x-1`],
    Image: 'busybox',
    ImageID: 'sha256:1',
    Command: 'sh',
    Created: 0,
    Ports: [],
    Labels: {
      'com.docker.compose.project': project,
      ...(files !== undefined && { 'com.docker.compose.project.config_files': files }),
    },
    State: state,
    Status: '',
    HostConfig: { NetworkMode: 'default' },
    NetworkSettings: { Networks: {} },
    Mounts: [],
  };
}

describe('projectStacks', () => {
  const stacks = projectStacks([
    container('web', 'running', '/w/compose.yaml'),
    container('api', 'running', '/a/compose.yaml,/a/override.yaml'),
    container('web', 'exited', '/w/compose.yaml'),
    container('web', 'running', '/w/compose.yaml'),
    container('api', 'running', '/a/compose.yaml'),
    container('lost', 'running'),
  ]);

  it('sorts projects, counts states in byte order and joins each file once', () => {
    expect(stacks).toEqual([
      { Name: 'api', Status: 'running(2)', ConfigFiles: '/a/compose.yaml,/a/override.yaml' },
      { Name: 'lost', Status: 'running(1)', ConfigFiles: 'N/A' },
      { Name: 'web', Status: 'exited(1), running(2)', ConfigFiles: '/w/compose.yaml' },
    ]);
  });

  it('prints compose table and JSON', () => {
    expect(formatLsTable(stacks.slice(2))).toBe(
      'NAME                STATUS                  CONFIG FILES\nweb                 exited(1), running(2)   /w/compose.yaml\n',
    );
    expect(formatLsJson(stacks.slice(0, 1))).toBe(
      '[{"Name":"api","Status":"running(2)","ConfigFiles":"/a/compose.yaml,/a/override.yaml"}]\n',
    );
    expect(formatLsJson([])).toBe('[]\n');
  });
});

describe('matchesName', () => {
  it.each([
    { patterns: ['web'], name: 'web', expected: true },
    { patterns: ['^we'], name: 'web', expected: true },
    { patterns: ['api'], name: 'web', expected: false },
    { patterns: ['('], name: 'web', expected: false },
  ])('$patterns on $name → $expected', ({ patterns, name, expected }) => {
    expect(matchesName(patterns, name)).toBe(expected);
  });
});
