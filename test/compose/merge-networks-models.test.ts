// Ports compose-go's override/merge_networks_test.go and merge_models_test.go, and pins the
// ipam.config rule of override/merge.go (mergeIPAMConfig) on the cases its table leaves out.
import { describe, expect, it } from 'vitest';
import { mergeYamlFiles, yamlValue, type MergeCase } from './merge-yaml.js';

const networkCases: MergeCase[] = [
  {
    name: 'Test_mergeYamlServiceNetworkSequence: lists of names become mappings',
    base: `
services:
  test:
    image: foo
    networks:
      - front-network
      - back-network
`,
    override: `
services:
  test:
    networks:
      - front-network
`,
    expected: `
services:
  test:
    image: foo
    networks:
      front-network:
      back-network:
`,
  },
  {
    name: 'Test_mergeYamlServiceNetworksMapping: aliases and link-local IPs append uniquely',
    base: `
services:
  test:
    image: foo
    networks:
      network1:
        aliases:
          - alias1
          - alias2
        link_local_ips:
          - 57.123.22.11
          - 57.123.22.13
      network2:
        aliases:
          - alias1
          - alias3
`,
    override: `
services:
  test:
    networks:
      network1:
        aliases:
          - alias3
          - alias1
        link_local_ips:
          - 57.123.22.12
          - 57.123.22.13
`,
    expected: `
services:
  test:
    image: foo
    networks:
      network1:
        aliases:
          - alias1
          - alias2
          - alias3
        link_local_ips:
          - 57.123.22.11
          - 57.123.22.13
          - 57.123.22.12
      network2:
        aliases:
          - alias1
          - alias3
`,
  },
  {
    name: 'Test_mergeYamlServiceNetworksMixed',
    base: `
services:
  test:
    image: foo
    networks:
      - front-network
      - back-network
      - network1
`,
    override: `
services:
  test:
    image: foo
    networks:
      network1:
        aliases:
          - alias1
          - alias2
        link_local_ips:
          - 57.123.22.11
          - 57.123.22.13
      network2:
        aliases:
          - alias1
          - alias3
`,
    expected: `
services:
  test:
    image: foo
    networks:
      front-network:
      back-network:
      network1:
        aliases:
          - alias1
          - alias2
        link_local_ips:
          - 57.123.22.11
          - 57.123.22.13
      network2:
        aliases:
          - alias1
          - alias3
`,
  },
  {
    name: 'Test_mergeYamlNetworks: ipam configs merge by subnet, labels as lists',
    base: `
services:
  test:
    image: foo
networks:
  network1:
    ipam:
      config:
        - subnet: 172.28.0.0/16
          ip_range: 172.28.5.0/24
          gateway: 172.28.5.254
          aux_addresses:
            host1: 172.28.1.5
            host2: 172.28.1.6
            host3: 172.28.1.7
      options:
        foo: bar
        baz: "0"
    labels:
      com.example.description: "Financial transaction network"
      com.example.department: "Finance"
      com.example.label-with-empty-value: ""
`,
    override: `
services:
  test:
    image: foo
networks:
  network1:
    ipam:
      config:
        - subnet: 172.28.0.0/16
          ip_range: 172.28.5.1/24
          gateway: 172.28.5.254
          aux_addresses:
            host1: 172.28.1.5
            host2: 172.28.1.4
            host4: 172.28.1.10
        - subnet: 172.28.10.0/16
          ip_range: 172.28.10.1/24
          gateway: 172.28.10.254
          aux_addresses:
            host1: 172.28.10.5
            host2: 172.28.10.4
            host3: 172.28.10.10
      options:
        bar: foo
        baz: "0"
    labels:
      - "com.example.department-new=New"
      - "com.example.description=Financial transaction network"
      - "com.example.label-with-empty-value="
  network2:
`,
    expected: `
services:
  test:
    image: foo
networks:
  network1:
    ipam:
      config:
        - subnet: 172.28.0.0/16
          ip_range: 172.28.5.1/24
          gateway: 172.28.5.254
          aux_addresses:
            host1: 172.28.1.5
            host2: 172.28.1.4
            host3: 172.28.1.7
            host4: 172.28.1.10
        - subnet: 172.28.10.0/16
          ip_range: 172.28.10.1/24
          gateway: 172.28.10.254
          aux_addresses:
            host1: 172.28.10.5
            host2: 172.28.10.4
            host3: 172.28.10.10
      options:
        foo: bar
        bar: foo
        baz: "0"
    labels:
      - "com.example.department=Finance"
      - "com.example.description=Financial transaction network"
      - "com.example.label-with-empty-value="
      - "com.example.department-new=New"
  network2:
`,
  },
  {
    name: 'ipam.config: a base entry whose subnet the override does not name is dropped (as in compose-go)',
    base: `
networks:
  net:
    ipam:
      config: [{ subnet: 10.0.0.0/24, gateway: 10.0.0.1 }]
`,
    override: `
networks:
  net:
    ipam:
      config: [{ subnet: 10.1.0.0/24 }]
`,
    expected: `
networks:
  net:
    ipam:
      config: [{ subnet: 10.1.0.0/24 }]
`,
  },
  {
    name: 'ipam.config: two overrides of one subnet both merge into the base entry',
    base: `
networks:
  net:
    ipam:
      config: [{ subnet: 10.0.0.0/24, gateway: 10.0.0.1, ip_range: 10.0.0.0/25 }]
`,
    override: `
networks:
  net:
    ipam:
      config: [{ subnet: 10.0.0.0/24, gateway: 10.0.0.2 }, { subnet: 10.0.0.0/24, ip_range: 10.0.0.128/25 }]
`,
    expected: `
networks:
  net:
    ipam:
      config: [{ subnet: 10.0.0.0/24, gateway: 10.0.0.2, ip_range: 10.0.0.128/25 }]
`,
  },
  {
    name: 'ipam.config: an empty base list stays empty (as in compose-go)',
    base: `
networks:
  net:
    ipam:
      config: []
`,
    override: `
networks:
  net:
    ipam:
      config: [{ subnet: 10.1.0.0/24 }]
`,
    expected: `
networks:
  net:
    ipam:
      config: []
`,
  },
  {
    name: 'ipam.config: a second base entry meeting an already placed subnet merges into it (as in compose-go)',
    base: `
networks:
  net:
    ipam:
      config: [{ subnet: 10.0.0.0/24, gateway: 10.0.0.1 }, { subnet: 10.9.0.0/24, ip_range: 10.9.0.0/25 }]
`,
    override: `
networks:
  net:
    ipam:
      config: [{ subnet: 10.0.0.0/24 }]
`,
    expected: `
networks:
  net:
    ipam:
      config: [{ subnet: 10.0.0.0/24, ip_range: 10.9.0.0/25 }]
`,
  },
  {
    name: 'top-level network attributes merge as mappings',
    base: `
networks:
  net:
    driver: bridge
    driver_opts: { a: "1" }
`,
    override: `
networks:
  net:
    driver_opts: { b: "2" }
    internal: true
`,
    expected: `
networks:
  net:
    driver: bridge
    driver_opts: { a: "1", b: "2" }
    internal: true
`,
  },
];

const modelCases: MergeCase[] = [
  {
    name: 'Test_mergeYamlServiceModelsShortSyntax',
    base: `
services:
  test:
    image: foo
    models:
      - llm
      - embedding-model
`,
    override: `
services:
  test:
    models:
      - vision-model
`,
    expected: `
services:
  test:
    image: foo
    models:
      llm:
      embedding-model:
      vision-model:
`,
  },
  {
    name: 'Test_mergeYamlServiceModelsLongSyntax',
    base: `
services:
  test:
    image: foo
    models:
      llm:
        endpoint_var: AI_MODEL_URL
        model_var: AI_MODEL_NAME
`,
    override: `
services:
  test:
    models:
      embedding-model:
        endpoint_var: EMBEDDING_URL
        model_var: EMBEDDING_MODEL
`,
    expected: `
services:
  test:
    image: foo
    models:
      llm:
        endpoint_var: AI_MODEL_URL
        model_var: AI_MODEL_NAME
      embedding-model:
        endpoint_var: EMBEDDING_URL
        model_var: EMBEDDING_MODEL
`,
  },
  {
    name: 'Test_mergeYamlServiceModelsMixed',
    base: `
services:
  test:
    image: foo
    models:
      - llm
      - embedding-model
`,
    override: `
services:
  test:
    models:
      vision-model:
        endpoint_var: VISION_URL
        model_var: VISION_MODEL
`,
    expected: `
services:
  test:
    image: foo
    models:
      llm:
      embedding-model:
      vision-model:
        endpoint_var: VISION_URL
        model_var: VISION_MODEL
`,
  },
  {
    name: 'Test_mergeYamlServiceModelsOverride',
    base: `
services:
  test:
    image: foo
    models:
      llm:
        endpoint_var: OLD_MODEL_URL
        model_var: OLD_MODEL_NAME
`,
    override: `
services:
  test:
    models:
      llm:
        endpoint_var: NEW_MODEL_URL
        model_var: NEW_MODEL_NAME
`,
    expected: `
services:
  test:
    image: foo
    models:
      llm:
        endpoint_var: NEW_MODEL_URL
        model_var: NEW_MODEL_NAME
`,
  },
  {
    name: 'Test_mergeYamlTopLevelModels',
    base: `
services:
  test:
    image: foo
models:
  llm:
    model: ai/smollm2
    context_size: 2048
    runtime_flags:
      - "--gpu"
`,
    override: `
services:
  test:
    image: foo
models:
  embedding-model:
    model: ai/all-minilm
    context_size: 512
    runtime_flags:
      - "--cpu"
`,
    expected: `
services:
  test:
    image: foo
models:
  llm:
    model: ai/smollm2
    context_size: 2048
    runtime_flags:
      - "--gpu"
  embedding-model:
    model: ai/all-minilm
    context_size: 512
    runtime_flags:
      - "--cpu"
`,
  },
  {
    name: 'Test_mergeYamlModelsCompleteScenario',
    base: `
services:
  app:
    image: myapp
    models:
      - llm
  worker:
    image: worker
    models:
      embedding-model:
        endpoint_var: EMBEDDING_URL
models:
  llm:
    model: ai/smollm2
    context_size: 2048
  embedding-model:
    model: ai/all-minilm
    context_size: 512
`,
    override: `
services:
  app:
    models:
      - vision-model
  worker:
    models:
      llm:
        endpoint_var: LLM_URL
        model_var: LLM_NAME
models:
  vision-model:
    model: ai/clip
    context_size: 1024
  llm:
    model: ai/gpt-4
    context_size: 8192
`,
    expected: `
services:
  app:
    image: myapp
    models:
      llm:
      vision-model:
  worker:
    image: worker
    models:
      embedding-model:
        endpoint_var: EMBEDDING_URL
      llm:
        endpoint_var: LLM_URL
        model_var: LLM_NAME
models:
  llm:
    model: ai/gpt-4
    context_size: 8192
  embedding-model:
    model: ai/all-minilm
    context_size: 512
  vision-model:
    model: ai/clip
    context_size: 1024
`,
  },
  {
    name: 'Test_mergeYamlModelsMultipleServices: a list on one side only stays a list',
    base: `
services:
  go-genai:
    models:
      - llm
models:
  llm:
    model: ai/smollm2
    context_size: 2048
`,
    override: `
services:
  node-genai:
    models:
      - llm
models:
  llm:
    model: ai/smollm2
    context_size: 2048
`,
    expected: `
services:
  go-genai:
    models:
      - llm
  node-genai:
    models:
      - llm
models:
  llm:
    model: ai/smollm2
    context_size: 2048
`,
  },
  {
    name: 'top-level model runtime_flags append (the compose-go case is commented out upstream)',
    base: `
models:
  llm:
    model: ai/smollm2
    runtime_flags: ["--gpu"]
`,
    override: `
models:
  llm:
    runtime_flags: ["--fp16"]
`,
    expected: `
models:
  llm:
    model: ai/smollm2
    runtime_flags: ["--gpu", "--fp16"]
`,
  },
];

describe('merging networks and models', () => {
  it.each([...networkCases, ...modelCases])('$name', ({ base, override, expected }) => {
    expect(mergeYamlFiles(base, override).tree).toEqual(yamlValue(expected));
  });
});
