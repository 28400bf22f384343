// `!reset` and `!override` across files: ports compose-go's loader/merge_reset_test.go, the
// merge cases of loader/reset_test.go, the examples of compose-spec's 13-merge.md, and
// applyResets on its own (only mapping keys are removed, as in loader/reset.go).
import { describe, expect, it } from 'vitest';
import { applyResets } from '../../src/compose/apply-resets.js';
import { ComposeFileError } from '../../src/compose/errors.js';
import type { LocatedTree } from '../../src/compose/located-tree.js';
import { parseComposeYaml } from '../../src/compose/parse.js';
import { locate } from '../../src/compose/source-map.js';
import type { TreePath } from '../../src/compose/tree-path.js';
import { mergeYamlFiles, yamlValue } from './merge-yaml.js';

interface ResetCase {
  name: string;
  files: string[];
  expected: string;
}

const resetCases: ResetCase[] = [
  {
    name: 'Test_LoadWithReset: a reset attribute and a reset key are gone',
    files: [
      `
 name: test
 services:
   foo:
     build:
       context: .
       dockerfile: foo.Dockerfile
     environment:
       FOO: BAR`,
      `
 services:
   foo:
     image: foo
     build: !reset  
     environment:
       FOO: !reset
`,
    ],
    expected: `
name: test
services:
  foo:
    image: foo
    environment: []
`,
  },
  {
    name: 'TestResetRemove: a reset network is gone',
    files: [
      `
name: test-reset
networks:
  test:
    name: test
    external: true
`,
      `
networks:
  test: !reset {}
`,
    ],
    expected: `
name: test-reset
networks: {}
`,
  },
  {
    name: 'TestOverrideReplace: an overridden network is replaced whole',
    files: [
      `
name: test-override
networks:
  test:
    name: test
    external: true
`,
      `
networks:
  test: !override {}
`,
    ],
    expected: `
name: test-override
networks:
  test: {}
`,
  },
  {
    name: 'TestResetTagWithSharedAlias: a reset inside a merged anchor applies at every use',
    files: [
      `
name: test
services:
  svc1:
    image: alpine
    ports:
      - "8080:80"
  svc2:
    image: nginx
    ports:
      - "9090:90"
`,
      `
x-reset-ports: &reset-ports
  ports: !reset []

services:
  svc1:
    <<: *reset-ports
  svc2:
    <<: *reset-ports
`,
    ],
    expected: `
name: test
x-reset-ports: {}
services:
  svc1:
    image: alpine
  svc2:
    image: nginx
`,
  },
  {
    name: 'TestOverrideTagWithSharedAlias: an overriding anchor replaces at every use',
    files: [
      `
name: test
networks:
  net1:
    external: true
    name: external-net-1
  net2:
    external: true
    name: external-net-2
`,
      `
x-override: &ov !override {}

networks:
  net1: *ov
  net2: *ov
`,
    ],
    expected: `
name: test
x-override: {}
networks:
  net1: {}
  net2: {}
`,
  },
  {
    name: 'TestNestedAliasReset: through two levels of merge keys',
    files: [
      `
name: test
services:
  svc:
    image: alpine
    ports:
      - "8080:80"
`,
      `
x-inner: &inner
  ports: !reset []

x-outer: &outer
  <<: *inner

services:
  svc:
    <<: *outer
`,
    ],
    expected: `
name: test
x-inner: {}
x-outer: {}
services:
  svc:
    image: alpine
`,
  },
  {
    name: 'TestDirectAliasWithReset: a reset anchor used as a value',
    files: [
      `
name: test
services:
  svc1:
    image: alpine
    ports:
      - "8080:80"
  svc2:
    image: nginx
    ports:
      - "9090:90"
`,
      `
x-reset: &reset !reset []

services:
  svc1:
    ports: *reset
  svc2:
    ports: *reset
`,
    ],
    expected: `
name: test
services:
  svc1:
    image: alpine
  svc2:
    image: nginx
`,
  },
  {
    name: '13-merge.md: reset ports and an environment key',
    files: [
      `
services:
  app:
    image: myapp
    ports:
      - "8080:80"
    environment:
      FOO: BAR
`,
      `
services:
  app:
    image: myapp
    ports: !reset []
    environment:
      FOO: !reset null
`,
    ],
    expected: `
services:
  app:
    image: myapp
    environment: []
`,
  },
  {
    name: '13-merge.md: override ports instead of appending',
    files: [
      `
services:
  app:
    image: myapp
    ports:
      - "8080:80"
`,
      `
services:
  app:
    ports: !override
      - "8443:443"
`,
    ],
    expected: `
services:
  app:
    image: myapp
    ports:
      - "8443:443"
`,
  },
  {
    name: 'override an environment mapping with a list',
    files: [
      'services: { app: { environment: { A: "1", B: "2" } } }',
      'services:\n  app:\n    environment: !override [C=3]',
    ],
    expected: 'services: { app: { environment: [C=3] } }',
  },
  {
    name: 'override a command, depends_on and a whole service',
    files: [
      'services: { app: { image: a, depends_on: [db], command: [x] }, db: { image: pg, ports: ["5432"] } }',
      'services:\n  app:\n    depends_on: !override [cache]\n  db: !override\n    image: mysql\n',
    ],
    expected: 'services: { app: { image: a, depends_on: [cache], command: [x] }, db: { image: mysql } }',
  },
  {
    name: 'reset a whole service',
    files: ['services: { app: { image: a }, db: { image: pg } }', 'services:\n  db: !reset\n'],
    expected: 'services: { app: { image: a } }',
  },
  {
    name: 'reset then set again in a third file',
    files: [
      'services: { app: { image: a, ports: ["80"] } }',
      'services:\n  app:\n    ports: !reset []\n',
      'services: { app: { ports: ["81"] } }',
    ],
    expected: 'services: { app: { image: a, ports: ["81"] } }',
  },
  {
    name: 'a reset path the base does not have changes nothing',
    files: ['services: { app: { image: a } }', 'services:\n  app:\n    labels: !reset {}\n  other: !reset\n'],
    expected: 'services: { app: { image: a } }',
  },
  {
    name: 'a reset sequence item leaves the base list alone (compose-go does not remove from sequences)',
    files: [
      'services: { app: { ports: ["80", "81"] } }',
      'services:\n  app:\n    ports:\n      - !reset "80"\n      - "82"\n',
    ],
    expected: 'services: { app: { ports: ["80", "81", "82"] } }',
  },
  {
    name: 'a reset in the first file only drops the value',
    files: ['services:\n  app:\n    image: a\n    ports: !reset ["80"]\n'],
    expected: 'services: { app: { image: a } }',
  },
  {
    name: 'a reset applies to documents of the same stream',
    files: ['services: { app: { image: a, ports: ["80"] } }\n---\nservices:\n  app:\n    ports: !reset []\n'],
    expected: 'services: { app: { image: a } }',
  },
];

describe('merging with !reset and !override', () => {
  it.each(resetCases)('$name', ({ files, expected }) => {
    expect(mergeYamlFiles(...files).tree).toEqual(yamlValue(expected));
  });

  it('points an overriding value at the override file', () => {
    const merged = mergeYamlFiles(
      'services:\n  app:\n    ports:\n      - "8080:80"\n',
      'services:\n  app:\n    ports: !override\n      - "8443:443"\n',
    );
    const position = locate(merged.source, ['services', 'app', 'ports', 0]);
    expect([position?.file, position?.line, position?.column]).toEqual(['file1.yaml', 4, 9]);
  });

  it.each([
    {
      name: 'Test_DuplicateReset: a key given twice',
      text: ' name: test\n services:\n   foo:\n     command: hello\n     command: !reset hello world\n',
      at: 'f.yaml:5',
    },
    {
      name: 'TestResetCycle/direct_self_reference_cycle',
      text: 'name: test\nx-healthcheck: &healthcheck\n  egress-service:\n    <<: *healthcheck\n',
      at: 'f.yaml:4',
    },
    {
      name: 'TestMergeKeyAliasToScalarRejected',
      text: 'name: test\nx-scalar: &s "not-a-map"\nservices:\n  s1:\n    <<: *s\n',
      at: 'f.yaml:5',
    },
  ])('rejects $name', ({ text, at }) => {
    let caught: unknown;
    try {
      parseComposeYaml('f.yaml', text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ComposeFileError);
    expect(`${(caught as ComposeFileError).file}:${(caught as ComposeFileError).line}`).toBe(at);
  });

  it.each([
    { name: 'simple_alias_no_cycle', text: 'services:\n  a: &a\n    image: alpine\n  a2: *a\n' },
    { name: 'simple_alias_reversed_no_cycle', text: 'services:\n  a2: &a\n    image: alpine\n  a: *a\n' },
    {
      name: 'nested_merge_no_cycle',
      text: `
x-templates:
  x-gluetun: &gluetun
    environment: &gluetun_env
      a: b
  x-gluetun-pia: &gluetun_pia
    <<: *gluetun
  x-gluetun-env-pia: &gluetun_env_pia
    <<: *gluetun_env
  vp0:
    <<: *gluetun_pia
    environment:
      <<: *gluetun_env_pia
`,
    },
    {
      name: 'multiple_services_common_config',
      text: `
x-common:
  &common
  restart: unless-stopped
services:
  backend:
    <<: *common
    image: alpine:latest
  backend-static:
    <<: *common
    image: alpine:latest
`,
    },
    {
      name: 'dotted_service_names_prefix_no_cycle',
      text: 'services:\n  test.unit: &shared\n    image: alpine\n  test: *shared\n  test.other: *shared\n',
    },
    {
      name: 'TestMergeKeyAliasTargets/inline_sequence_of_mappings',
      text: 'x-base: &base\n  image: nginx\nservices:\n  s1:\n    <<: [*base, {restart: unless-stopped}]\n',
    },
  ])('TestResetCycle/$name loads and merges', ({ text }) => {
    expect(() => mergeYamlFiles(text, 'services: {}')).not.toThrow();
  });
});

describe('applyResets', () => {
  const base = tree(
    'services:\n  app:\n    image: a\n    ports: ["80"]\n    environment: { A: "1", B: "2" }\n',
  );

  it.each<{ name: string; resets: TreePath[]; expected: unknown }>([
    {
      name: 'no resets',
      resets: [],
      expected: yamlValue('services: { app: { image: a, ports: ["80"], environment: { A: "1", B: "2" } } }'),
    },
    {
      name: 'an attribute',
      resets: [['services', 'app', 'ports']],
      expected: yamlValue('services: { app: { image: a, environment: { A: "1", B: "2" } } }'),
    },
    {
      name: 'a key',
      resets: [['services', 'app', 'environment', 'A']],
      expected: yamlValue('services: { app: { image: a, ports: ["80"], environment: { B: "2" } } }'),
    },
    { name: 'a service', resets: [['services', 'app']], expected: { services: {} } },
    {
      name: 'a sequence item (kept)',
      resets: [['services', 'app', 'ports', 0]],
      expected: yamlValue('services: { app: { image: a, ports: ["80"], environment: { A: "1", B: "2" } } }'),
    },
    {
      name: 'a missing path',
      resets: [['volumes', 'data']],
      expected: yamlValue('services: { app: { image: a, ports: ["80"], environment: { A: "1", B: "2" } } }'),
    },
  ])('removes $name', ({ resets, expected }) => {
    const before = JSON.stringify(base.tree);
    expect(applyResets(base, resets).tree).toEqual(expected);
    expect(JSON.stringify(base.tree)).toBe(before);
  });

  it('keeps the positions of what remains', () => {
    const pruned = applyResets(base, [['services', 'app', 'ports']]);
    expect(locate(pruned.source, ['services', 'app', 'environment', 'B'])?.line).toBe(5);
  });
});

function tree(text: string): LocatedTree {
  const [document] = parseComposeYaml('base.yaml', text);
  return { tree: document!.tree as Record<string, unknown>, source: document!.source };
}
