// The merge stage as a whole: compose-go's override/merge_test.go, what happens to positions
// (a value set by an override file points at that file), errors, and purity. The rules of each
// attribute are tested in merge-key-value, merge-services and merge-networks-models.
import { describe, expect, it } from 'vitest';
import { ComposeFileError } from '../../src/compose/errors.js';
import type { LocatedTree } from '../../src/compose/located-tree.js';
import { mergeDocuments, mergeValuesAt } from '../../src/compose/merge.js';
import { parseComposeYaml } from '../../src/compose/parse.js';
import { locate, sourceAt } from '../../src/compose/source-map.js';
import { formatPath, type TreePath } from '../../src/compose/tree-path.js';
import { mergeYamlFiles, yamlValue } from './merge-yaml.js';

describe('mergeDocuments', () => {
  it('Test_mergeOverrides: scalars are replaced', () => {
    const merged = mergeYamlFiles(
      `
services:
  test:
    image: foo
    scale: 1
`,
      `
services:
  test:
    image: bar
    scale: 2
`,
    );
    expect(merged.tree).toEqual(yamlValue('services: { test: { image: bar, scale: 2 } }'));
  });

  it('keeps the base where the override says null', () => {
    const merged = mergeYamlFiles(
      'services: { test: { image: foo } }\nvolumes: { data: {} }',
      'services:\nvolumes:',
    );
    expect(merged.tree).toEqual({ services: { test: { image: 'foo' } }, volumes: { data: {} } });
  });

  it('merges the documents of one stream in order', () => {
    const merged = mergeYamlFiles(
      'services: { a: { image: one, ports: ["80"] } }\n---\nservices: { a: { image: two } }',
    );
    expect(merged.tree).toEqual({ services: { a: { image: 'two', ports: ['80'] } } });
  });

  it('merges three files in order', () => {
    const merged = mergeYamlFiles(
      'services: { a: { image: one, environment: { A: "1" } } }',
      'services: { a: { environment: [B=2] } }',
      'services: { a: { image: three, environment: { A: "3" } } }',
    );
    expect(merged.tree).toEqual({ services: { a: { image: 'three', environment: ['A=3', 'B=2'] } } });
  });

  it('does not change its inputs', () => {
    const [base] = documents(
      'base.yaml',
      'services: { a: { image: x, ports: ["80"], environment: { A: "1" } } }',
    );
    const [override] = documents('override.yaml', 'services: { a: { ports: ["81"], environment: [B=2] } }');
    const before = JSON.stringify([base!.tree, override!.tree]);
    deepFreeze(base);
    deepFreeze(override);
    const merged = mergeDocuments(base!, override!);
    expect(JSON.stringify([base!.tree, override!.tree])).toBe(before);
    expect(merged.tree).toEqual({
      services: { a: { image: 'x', ports: ['80', '81'], environment: ['A=1', 'B=2'] } },
    });
  });

  it.each([
    {
      name: 'a sequence with a string',
      base: 'services: { web: { ports: ["80:80"] } }',
      override: 'services:\n  web:\n    ports: "81:81"',
      path: 'services.web.ports',
      at: 'override.yaml:3:5',
      message: 'cannot override a sequence with a string',
    },
    {
      name: 'a mapping with a string',
      base: 'services: { web: { image: x } }',
      override: 'services:\n  web: nope',
      path: 'services.web',
      at: 'override.yaml:2:3',
      message: 'cannot override a mapping with a string',
    },
    {
      name: 'a mapping with a sequence',
      base: 'services: { web: { deploy: { resources: {} } } }',
      override: 'services:\n  web:\n    deploy: [a]',
      path: 'services.web.deploy',
      at: 'override.yaml:3:5',
      message: 'cannot override a mapping with a sequence',
    },
    {
      name: 'an ipam config that is not a sequence',
      base: 'networks: { n: { ipam: { config: [{ subnet: 10.0.0.0/24 }] } } }',
      override: 'networks:\n  n:\n    ipam:\n      config: { subnet: x }',
      path: 'networks.n.ipam.config',
      at: 'override.yaml:4:7',
      message: 'expected a sequence of IPAM configurations',
    },
    {
      name: 'a depends_on list with a non-name',
      base: 'services: { web: { depends_on: [db] } }',
      override: 'services:\n  web:\n    depends_on:\n      - 12',
      path: 'services.web.depends_on[0]',
      at: 'override.yaml:4:9',
      message: 'expected a name, got a number',
    },
  ])('refuses to override $name', ({ base, override, path, at, message }) => {
    const error = catchError(() =>
      mergeDocuments(documents('base.yaml', base)[0]!, documents('override.yaml', override)[0]!),
    );
    expect(error).toBeInstanceOf(ComposeFileError);
    const fileError = error as ComposeFileError;
    expect(fileError.detail).toContain(message);
    expect(`${fileError.file}:${fileError.line}:${fileError.column}`).toBe(at);
    expect(fileError.message).toContain(`${path}:`);
  });
});

describe('positions after a merge', () => {
  const base = `services:
  web:
    image: nginx
    ports:
      - "80:80"
    environment:
      A: "1"
    depends_on: [db]
    build: .
    command: [a]
  db:
    image: postgres
`;
  const override = `services:
  web:
    ports:
      - "8080:8080"
    environment:
      B: "2"
    depends_on: [cache]
    build:
      dockerfile: Dockerfile.dev
    command: [b]
    restart: always
`;
  const merged = mergeYamlFiles(base, override);

  it.each<{ path: TreePath; at: string }>(
    [
      { path: ['services', 'web'], at: 'file0.yaml:2:3' },
      { path: ['services', 'web', 'image'], at: 'file0.yaml:3:5' },
      { path: ['services', 'web', 'ports', 0], at: 'file0.yaml:5:9' },
      { path: ['services', 'web', 'ports', 1], at: 'file1.yaml:4:9' },
      { path: ['services', 'web', 'environment', 0], at: 'file0.yaml:7:7' },
      { path: ['services', 'web', 'environment', 1], at: 'file1.yaml:6:7' },
      { path: ['services', 'web', 'depends_on', 'db'], at: 'file0.yaml:8:18' },
      { path: ['services', 'web', 'depends_on', 'cache', 'condition'], at: 'file1.yaml:7:18' },
      { path: ['services', 'web', 'build', 'context'], at: 'file0.yaml:9:5' },
      { path: ['services', 'web', 'build', 'dockerfile'], at: 'file1.yaml:9:7' },
      { path: ['services', 'web', 'command'], at: 'file1.yaml:10:5' },
      { path: ['services', 'web', 'command', 0], at: 'file1.yaml:10:15' },
      { path: ['services', 'web', 'restart'], at: 'file1.yaml:11:5' },
      { path: ['services', 'db', 'image'], at: 'file0.yaml:12:5' },
    ].map((row) => ({ ...row, label: formatPath(row.path) })),
  )('$label locates to $at', ({ path, at }) => {
    const position = locate(merged.source, path);
    expect(`${position?.file}:${position?.line}:${position?.column}`).toBe(at);
  });

  it('re-indexes appended items with their own positions', () => {
    const ports = sourceAt(merged.source, ['services', 'web', 'ports']);
    expect([...(ports?.children?.keys() ?? [])]).toEqual(['0', '1']);
  });

  it('moves a redefinition to the first place with its own position', () => {
    const twice = mergeYamlFiles(
      'services:\n  web:\n    volumes:\n      - old:/data\n      - logs:/logs\n',
      'services:\n  web:\n    volumes:\n      - new:/data\n',
    );
    expect(twice.tree).toEqual({ services: { web: { volumes: ['new:/data', 'logs:/logs'] } } });
    const first = locate(twice.source, ['services', 'web', 'volumes', 0]);
    const second = locate(twice.source, ['services', 'web', 'volumes', 1]);
    expect([first?.file, first?.line, second?.file, second?.line]).toEqual([
      'file1.yaml',
      4,
      'file0.yaml',
      5,
    ]);
  });
});

describe('mergeValuesAt', () => {
  it('applies the rule of the path it is given, as extends does for a service', () => {
    const base = { value: { image: 'x', environment: { A: '1' }, command: ['a'] }, source: undefined };
    const override = { value: { environment: ['B=2'], command: ['b'] }, source: undefined };
    expect(mergeValuesAt(base, override, ['services', 'x']).value).toEqual({
      image: 'x',
      environment: ['A=1', 'B=2'],
      command: ['b'],
    });
  });
});

function documents(file: string, text: string): LocatedTree[] {
  return parseComposeYaml(file, text).map((document) => ({
    tree: document.tree as Record<string, unknown>,
    source: document.source,
  }));
}

function catchError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}
