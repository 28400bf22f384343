import { describe, expect, it } from 'vitest';
import { discoverComposeFiles } from '../../src/compose/discover.js';
import { memoryFileSystem } from '../../src/compose/file-system.js';

const fs = (paths: string[]) => memoryFileSystem(Object.fromEntries(paths.map((p) => [p, ''])));

describe('discoverComposeFiles', () => {
  it.each([
    {
      name: 'compose.yaml in the working directory',
      files: ['/p/compose.yaml'],
      cwd: '/p',
      expected: ['/p/compose.yaml'],
    },
    {
      name: 'the override file is added',
      files: ['/p/compose.yaml', '/p/compose.override.yaml'],
      cwd: '/p',
      expected: ['/p/compose.yaml', '/p/compose.override.yaml'],
    },
    {
      name: 'docker-compose.yml with its override',
      files: ['/p/docker-compose.yml', '/p/docker-compose.override.yml'],
      cwd: '/p',
      expected: ['/p/docker-compose.yml', '/p/docker-compose.override.yml'],
    },
    { name: 'searched upwards', files: ['/p/compose.yml'], cwd: '/p/a/b', expected: ['/p/compose.yml'] },
    { name: 'nothing found', files: ['/q/compose.yml'], cwd: '/p', expected: [] },
    {
      name: 'compose.yaml preferred over docker-compose.yml',
      files: ['/p/docker-compose.yml', '/p/compose.yaml'],
      cwd: '/p',
      expected: ['/p/compose.yaml'],
    },
  ])('$name', ({ files, cwd, expected }) => {
    expect(discoverComposeFiles({ workingDir: cwd }, fs(files)).files).toEqual(expected);
  });

  it('warns when several default names exist', () => {
    const found = discoverComposeFiles({ workingDir: '/p' }, fs(['/p/compose.yaml', '/p/compose.yml']));
    expect(found.warnings).toEqual([
      'Found multiple config files with supported names: /p/compose.yaml, /p/compose.yml',
      'Using /p/compose.yaml',
    ]);
  });

  it('-f files win, relative to the working directory, - is stdin', () => {
    const found = discoverComposeFiles(
      { workingDir: '/p', explicitFiles: ['a.yml', '/abs/b.yml', '-'] },
      fs([]),
    );
    expect(found.files).toEqual(['/p/a.yml', '/abs/b.yml', '-']);
  });

  it('COMPOSE_FILE is split on the path separator', () => {
    const found = discoverComposeFiles(
      { workingDir: '/p', composeFileVariable: 'a.yml;sub/b.yml', pathSeparator: ';' },
      fs(['/p/compose.yaml']),
    );
    expect(found.files).toEqual(['/p/a.yml', '/p/sub/b.yml']);
  });
});
