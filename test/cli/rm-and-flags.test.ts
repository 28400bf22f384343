// Command-line details of the container commands: local short flags, rm's answers, restart's scope.
import { describe, expect, it } from 'vitest';
import type { Project } from '../../src/compose/project.js';
import { rewriteLocalShortFlags } from '../../src/cli/local-short-flags.js';
import { restartScope } from '../../src/cli/run-restart.js';
import { isYes } from '../../src/cli/run-rm.js';

describe('rewriteLocalShortFlags', () => {
  it.each([
    { argv: ['logs', '-f', 'web'], expected: ['logs', '--follow', 'web'] },
    { argv: ['-f', 'a.yaml', 'logs', '-ft'], expected: ['-f', 'a.yaml', 'logs', '-t', '--follow'] },
    { argv: ['-p', 'demo', 'rm', '-fsv'], expected: ['-p', 'demo', 'rm', '-s', '--force', '--volumes'] },
    { argv: ['-f', 'logs', 'ps', '-a'], expected: ['-f', 'logs', 'ps', '-a'] },
    { argv: ['up', '-d'], expected: ['up', '-d'] },
    { argv: ['rm', '--', '-f'], expected: ['rm', '--', '-f'] },
    { argv: ['-v'], expected: ['-v'] },
    { argv: ['down', '-v', '-t', '0'], expected: ['down', '--volumes', '-t', '0'] },
  ])('$argv', ({ argv, expected }) => {
    expect(rewriteLocalShortFlags(argv)).toEqual(expected);
  });
});

describe('isYes (compose reading an answer from a pipe)', () => {
  it.each([
    ['y', true],
    [' Y\n', true],
    ['true', true],
    ['1', true],
    ['yes', false],
    ['', false],
    ['n', false],
  ])('%j → %s', (answer, expected) => {
    expect(isYes(answer)).toBe(expected);
  });
});

describe('restartScope', () => {
  const project = {
    name: 'demo',
    services: {
      db: {},
      api: { depends_on: { db: { condition: 'service_started', restart: true, required: true } } },
      web: { depends_on: { api: { condition: 'service_started', restart: true, required: true } } },
      worker: { depends_on: { db: { condition: 'service_started', restart: false, required: true } } },
    },
  } as unknown as Project;

  it('adds, transitively, the services that restart with a named one', () => {
    expect(restartScope(project, ['db'], true).sort()).toEqual(['api', 'db', 'web']);
  });

  it('restarts the named services alone with --no-deps', () => {
    expect(restartScope(project, ['db'], false)).toEqual(['db']);
  });

  it('restarts every service when none is named', () => {
    expect(restartScope(project, [], true).sort()).toEqual(['api', 'db', 'web', 'worker']);
  });
});
