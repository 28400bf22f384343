// Ports compose-go's override/merge_{annotations,environment,labels,sysctls,extra_hosts,dns,
// env_file,tmpfs}_test.go and the key/value parts of merge_build_test.go: attributes that merge
// whichever syntax (mapping or `KEY=value` list) each side used. Both sides become lists (a
// mapping as sorted `KEY=value` items), are appended, and the last definition of a key wins in
// the place of the first.
import { describe, expect, it } from 'vitest';
import { mergeYamlFiles, yamlValue, type MergeCase } from './merge-yaml.js';

const keyValueCases = (attribute: string, under: string): MergeCase[] => {
  const label = under === '' ? attribute : `${under}.${attribute}`;
  // `under` nests the attribute one level down (`deploy.labels`, `build.labels`).
  const at = under === '' ? attribute : `${under}:\n      ${attribute}`;
  const pad = under === '' ? '      ' : '        ';
  return [
    {
      name: `${label}: sequence over sequence`,
      base: `
services:
  test:
    image: foo
    ${at}:
${pad}- FOO=BAR
`,
      override: `
services:
  test:
    ${at}:
${pad}- QIX=ZOT
${pad}- EMPTY=
${pad}- NIL
`,
      expected: `
services:
  test:
    image: foo
    ${at}:
${pad}- FOO=BAR
${pad}- QIX=ZOT
${pad}- EMPTY=
${pad}- NIL
`,
    },
    {
      name: `${label}: mapping over mapping becomes a sorted list`,
      base: `
services:
  test:
    image: foo
    ${at}:
${pad}FOO: BAR
`,
      override: `
services:
  test:
    ${at}:
${pad}EMPTY: ""
${pad}NIL: null
${pad}QIX: ZOT
`,
      expected: `
services:
  test:
    image: foo
    ${at}:
${pad}- FOO=BAR
${pad}- EMPTY=
${pad}- NIL
${pad}- QIX=ZOT
`,
    },
    {
      name: `${label}: sequence over mapping`,
      base: `
services:
  test:
    image: foo
    ${at}:
${pad}FOO: BAR
`,
      override: `
services:
  test:
    ${at}:
${pad}- QIX=ZOT
`,
      expected: `
services:
  test:
    image: foo
    ${at}:
${pad}- FOO=BAR
${pad}- QIX=ZOT
`,
    },
    {
      name: `${label}: numbers are printed, the last value wins`,
      base: `
services:
  test:
    ${at}:
${pad}FOO: 1
`,
      override: `
services:
  test:
    ${at}:
${pad}FOO: 3
`,
      expected: `
services:
  test:
    ${at}:
${pad}- FOO=3
`,
    },
  ];
};

const sysctlsCases: MergeCase[] = [
  {
    name: 'TestMergeSysctlsSequence',
    base: `
services:
  test:
    image: foo
    sysctls:
      - net.ipv6.conf.all.disable_ipv6=1
`,
    override: `
services:
  test:
    sysctls:
      - net.ipv4.tcp_keepalive_time=300
`,
    expected: `
services:
  test:
    image: foo
    sysctls:
      - net.ipv6.conf.all.disable_ipv6=1
      - net.ipv4.tcp_keepalive_time=300
`,
  },
  {
    name: 'TestMergeSysctlsMapping',
    base: `
services:
  test:
    image: foo
    sysctls:
      "net.ipv6.conf.all.disable_ipv6": 1
`,
    override: `
services:
  test:
    sysctls:
      "net.ipv4.tcp_keepalive_time": "300"
`,
    expected: `
services:
  test:
    image: foo
    sysctls:
      - net.ipv6.conf.all.disable_ipv6=1
      - net.ipv4.tcp_keepalive_time=300
`,
  },
  {
    name: 'TestMergeSysctlsMixed',
    base: `
services:
  test:
    image: foo
    sysctls:
      "net.ipv6.conf.all.disable_ipv6": 1
`,
    override: `
services:
  test:
    sysctls:
      - net.ipv4.tcp_keepalive_time=300
`,
    expected: `
services:
  test:
    image: foo
    sysctls:
      - net.ipv6.conf.all.disable_ipv6=1
      - net.ipv4.tcp_keepalive_time=300
`,
  },
  {
    name: 'TestMergeSysctlsNumbers',
    base: `
services:
  test:
    sysctls:
      "net.ipv4.tcp_keepalive_time": 1
`,
    override: `
services:
  test:
    sysctls:
      "net.ipv4.tcp_keepalive_time": 3
`,
    expected: `
services:
  test:
    sysctls:
      - net.ipv4.tcp_keepalive_time=3
`,
  },
];

const buildCases: MergeCase[] = [
  {
    name: 'Test_mergeYamlBuildSequence: lists append, unique ones keep the first place',
    base: `
services:
  test:
    build:
      context: .
      args:
        - FOO=BAR
      additional_contexts:
        - resources=/path/to/resources
        - app=docker-image://my-app:latest
      platform: 
        - linux/amd64
      tags:
        - "myimage:mytag"
      extra_hosts:
        - "somehost=162.242.195.82"
        - "otherhost=50.31.209.229"
`,
    override: `
services:
  test:
    build:
      context: .
      args:
        - GIT_COMMIT=cdc3b19
        - EMPTY=
        - NIL
      additional_contexts:
        - source=https://github.com/myuser/project.git
      platform:
        - "linux/arm64"
        - "linux/amd64"
        - "unsupported/unsupported"
      tags:
        - "myimage:mytag"
        - "registry/username/myrepos:my-other-tag"
      extra_hosts:
        - "otherhost=50.31.209.230"
        - "myhostv6=::1"
`,
    expected: `
services:
  test:
    build:
      context: .
      args:
        - FOO=BAR
        - GIT_COMMIT=cdc3b19
        - EMPTY=
        - NIL
      additional_contexts:
        - resources=/path/to/resources
        - app=docker-image://my-app:latest
        - source=https://github.com/myuser/project.git
      platform:
        - "linux/amd64"
        - "linux/arm64"
        - "unsupported/unsupported"
      tags:
        - "myimage:mytag"
        - "registry/username/myrepos:my-other-tag"
      extra_hosts:
        - "somehost=162.242.195.82"
        - "otherhost=50.31.209.229"
        - "otherhost=50.31.209.230"
        - "myhostv6=::1"
`,
  },
  {
    name: 'Test_mergeYamlArgsMapping',
    base: `
services:
  test:
    build:
      context: .
      args:
        FOO: BAR
      additional_contexts:
        source: https://github.com/myuser/project.git
`,
    override: `
services:
  test:
    build:
      context: .
      args:
        EMPTY: ""
        NIL: null
        QIX: ZOT
      additional_contexts:
        app: docker-image://my-app:latest
        resources: /path/to/resources
`,
    expected: `
services:
  test:
    build:
      context: .
      args:
       - FOO=BAR
       - EMPTY=
       - NIL
       - QIX=ZOT
      additional_contexts:
        - source=https://github.com/myuser/project.git
        - app=docker-image://my-app:latest
        - resources=/path/to/resources
`,
  },
  {
    name: 'Test_mergeYamlArgsMixed',
    base: `
services:
  test:
    build:
      context: .
      args:
        FOO: BAR
      additional_contexts:
        - resources=/path/to/resources
        - app=docker-image://my-app:latest
      platform: linux/amd64
      tags:
        - "myimage:mytag"
`,
    override: `
services:
  test:
    build:
      args:
        - QIX=ZOT
      additional_contexts:
        app: docker-image://new-app:latest
        source: https://github.com/myuser/project.git
      tags:
        - "registry/username/myrepos:my-other-tag"

`,
    expected: `
services:
  test:
    build:
      context: .
      args:
        - FOO=BAR
        - QIX=ZOT
      additional_contexts:
        - resources=/path/to/resources
        - app=docker-image://new-app:latest
        - source=https://github.com/myuser/project.git
      platform: linux/amd64
      tags:
        - "myimage:mytag"
        - "registry/username/myrepos:my-other-tag"
`,
  },
  {
    name: 'Test_mergeYamlArgsNumber',
    base: `
services:
  test:
    build:
      context: .
      args:
        FOO: 1
`,
    override: `
services:
  test:
    build:
      context: .
      args:
        FOO: 3
`,
    expected: `
services:
  test:
    build:
      context: .
      args:
       - FOO=3
`,
  },
];

const extraHostsCases: MergeCase[] = [
  {
    name: 'TestMergeExtraHostsSequence: an entry the base has word for word is dropped',
    base: `
services:
  test:
    image: foo
    extra_hosts:
      - example.com=1.2.3.4
`,
    override: `
services:
  test:
    extra_hosts:
      - localhost=127.0.0.1
      - example.com=1.2.3.4
      - example.com=4.3.2.1
`,
    expected: `
services:
  test:
    image: foo
    extra_hosts:
      - example.com=1.2.3.4
      - localhost=127.0.0.1
      - example.com=4.3.2.1
`,
  },
  {
    name: 'TestMergeExtraHostsMapping: a list of addresses gives one entry each',
    base: `
services:
  test:
    image: foo
    extra_hosts:
      "example.com": "1.2.3.4"
`,
    override: `
services:
  test:
    extra_hosts:
      "localhost": "127.0.0.1"
      "example.com": ["1.2.3.4", "4.3.2.1"]
`,
    expected: `
services:
  test:
    image: foo
    extra_hosts:
      - example.com=1.2.3.4
      - example.com=4.3.2.1
      - localhost=127.0.0.1
`,
  },
  {
    name: 'TestMergeExtraHostsMixed',
    base: `
services:
  test:
    image: foo
    extra_hosts:
      "example.com": "1.2.3.4"
`,
    override: `
services:
  test:
    extra_hosts:
      - localhost=127.0.0.1
      - example.com=1.2.3.4
      - example.com=4.3.2.1
`,
    expected: `
services:
  test:
    image: foo
    extra_hosts:
      - example.com=1.2.3.4
      - localhost=127.0.0.1
      - example.com=4.3.2.1
`,
  },
];

const dnsCases: MergeCase[] = [
  {
    name: 'Test_mergeYamlDNSSequence',
    base: `
services:
  test:
    image: foo
    dns:
      - 8.8.8.8
    dns_opt:
      - use-vc
    dns_search:
      - dc1.example.com
`,
    override: `
services:
  test:
    dns:
      - 9.9.9.9
    dns_opt:
      - no-tld-query
    dns_search:
      - dc2.example.com
`,
    expected: `
services:
  test:
    image: foo
    dns:
      - 8.8.8.8
      - 9.9.9.9
    dns_opt:
      - use-vc
      - no-tld-query
    dns_search:
      - dc1.example.com
      - dc2.example.com
`,
  },
  {
    name: 'Test_mergeYamlDNSMixed: a string is a one-item list, repeats collapse',
    base: `
services:
  test:
    image: foo
    dns:
      - 8.8.8.8
      - 10.10.10.10
      - 9.9.9.9
    dns_opt:
      - use-vc
      - no-tld-query
    dns_search:
      - dc1.example.com
      - dc2.example.com
`,
    override: `
services:
  test:
    dns: 9.9.9.9
    dns_opt:
      - no-tld-query
    dns_search: dc2.example.com
`,
    expected: `
services:
  test:
    image: foo
    dns:
      - 8.8.8.8
      - 10.10.10.10
      - 9.9.9.9
    dns_opt:
      - use-vc
      - no-tld-query
    dns_search:
      - dc1.example.com
      - dc2.example.com
`,
  },
];

const envFileSequence = `
services:
  test:
    env_file:
      - bar.env
      - foo.env
`;
const envFileString = `
services:
  test:
    env_file: foo.env
`;

const envFileCases: MergeCase[] = [
  {
    name: 'TestMergeEnvFilesSequence',
    base: `
services:
  test:
    image: foo
    env_file:
      - foo.env
`,
    override: `
services:
  test:
    env_file:
      - bar.env
      - baz.env
`,
    expected: `
services:
  test:
    image: foo
    env_file:
      - foo.env
      - bar.env
      - baz.env
`,
  },
  {
    name: 'TestMergeEnvFilesString',
    base: `
services:
  test:
    image: foo
    env_file: foo.env
`,
    override: `
services:
  test:
    env_file: bar.env
`,
    expected: `
services:
  test:
    image: foo
    env_file:
      - foo.env
      - bar.env
`,
  },
  {
    name: 'TestMergeEnvFilesMixed/SequenceThenString',
    base: envFileString,
    override: envFileSequence,
    expected: `
services:
  test:
    env_file:
      - foo.env
      - bar.env
`,
  },
  {
    name: 'TestMergeEnvFilesMixed/StringThenSequence',
    base: envFileSequence,
    override: envFileString,
    expected: `
services:
  test:
    env_file:
      - bar.env
      - foo.env
`,
  },
  {
    name: 'TestMergeEnvFilesMixed/Unicity between string and mapping',
    base: envFileSequence,
    override: `
services:
  test:
    env_file: 
      - path: foo.env
        required: true
`,
    expected: `
services:
  test:
    env_file:
      - bar.env
      - path: foo.env
        required: true
`,
  },
];

const tmpfsSequence = `
services:
  test:
    tmpfs:
      - /bar
      - /foo
`;
const tmpfsString = `
services:
  test:
    image: foo
    tmpfs: /foo
`;

const tmpfsCases: MergeCase[] = [
  {
    name: 'TestMergeTmpfsSequence',
    base: `
services:
  test:
    image: foo
    tmpfs:
      - /foo
`,
    override: `
services:
  test:
    tmpfs:
      - /bar
      - /baz
      - /foo
`,
    expected: `
services:
  test:
    image: foo
    tmpfs:
      - /foo
      - /bar
      - /baz
`,
  },
  {
    name: 'TestMergeTmpfsString',
    base: `
services:
  test:
    image: foo
    tmpfs: /foo
`,
    override: `
services:
  test:
    tmpfs: /bar
`,
    expected: `
services:
  test:
    image: foo
    tmpfs:
      - /foo
      - /bar
`,
  },
  {
    name: 'TestMergeTmpfsMixed/SequenceThenString',
    base: tmpfsString,
    override: tmpfsSequence,
    expected: `
services:
  test:
    image: foo
    tmpfs:
      - /foo
      - /bar
`,
  },
  {
    name: 'TestMergeTmpfsMixed/StringThenSequence',
    base: tmpfsSequence,
    override: tmpfsString,
    expected: `
services:
  test:
    image: foo
    tmpfs:
      - /bar
      - /foo
`,
  },
];

// Not in compose-go's tables, but in its rule list: the other key/value attributes.
const otherKeyValueCases: MergeCase[] = [
  {
    name: 'networks.*.labels and volumes.*.labels merge as lists',
    base: `
networks:
  net:
    labels: { a: "1" }
volumes:
  data:
    labels: [x=1]
`,
    override: `
networks:
  net:
    labels: [a=2, b=3]
volumes:
  data:
    labels: { y: 2 }
`,
    expected: `
networks:
  net:
    labels: [a=2, b=3]
volumes:
  data:
    labels: [x=1, y=2]
`,
  },
  {
    name: 'label_file appends like env_file',
    base: `
services:
  test:
    label_file: a.labels
`,
    override: `
services:
  test:
    label_file: [b.labels]
`,
    expected: `
services:
  test:
    label_file: [a.labels, b.labels]
`,
  },
  {
    name: 'booleans and floats print as Go prints them',
    base: `
services:
  test:
    environment: { A: true, B: 0.5, C: 0.00001, D: 1234567.5 }
`,
    override: `
services:
  test:
    environment: { E: false }
`,
    expected: `
services:
  test:
    environment: [A=true, B=0.5, C=1e-05, D=1.2345675e+06, E=false]
`,
  },
  {
    name: 'an attribute present on one side only keeps its syntax',
    base: `
services:
  test:
    environment: { A: "1" }
`,
    override: `
services:
  test:
    labels: { B: "2" }
`,
    expected: `
services:
  test:
    environment: { A: "1" }
    labels: { B: "2" }
`,
  },
  {
    name: 'a null override still turns the base into a list',
    base: `
services:
  test:
    environment: { B: "2", A: "1" }
`,
    override: `
services:
  test:
    environment:
`,
    expected: `
services:
  test:
    environment: [A=1, B=2]
`,
  },
];

describe('merging key/value attributes', () => {
  it.each([
    ...keyValueCases('annotations', ''),
    ...keyValueCases('environment', ''),
    ...keyValueCases('labels', ''),
    ...keyValueCases('labels', 'deploy'),
    ...keyValueCases('labels', 'build'),
    ...sysctlsCases,
    ...buildCases,
    ...extraHostsCases,
    ...dnsCases,
    ...envFileCases,
    ...tmpfsCases,
    ...otherKeyValueCases,
  ])('$name', ({ base, override, expected }) => {
    expect(mergeYamlFiles(base, override).tree).toEqual(yamlValue(expected));
  });
});
