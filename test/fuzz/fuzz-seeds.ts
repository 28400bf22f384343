/**
 * The valid projects the fuzzer starts from. Each is small but touches a different part of the
 * loader, so that mutations land in interesting places: short and long syntaxes, override files
 * and `.env`, `include` and `extends` across files, anchors and merge keys, env files, secrets and
 * configs. The last seed is the benchmark's generator at a small size. Every seed must load
 * cleanly; the fuzz test checks that first, or it would only ever exercise the error paths.
 */
import { generateProject } from '../../bench/generate-project.js';

export interface FuzzSeed {
  readonly name: string;
  /** Relative to the project directory. */
  readonly files: Readonly<Record<string, string>>;
}

const webAndDatabase: FuzzSeed = {
  name: 'web-and-database',
  files: {
    'compose.yaml': `name: shop
services:
  web:
    image: nginx:1.27-alpine
    ports:
      - "8080:80"
      - target: 443
        published: "8443"
        protocol: tcp
    environment:
      UPSTREAM: api:3000
      RETRIES: 3
    depends_on:
      api:
        condition: service_healthy
    volumes:
      - ./static:/usr/share/nginx/html:ro
    networks: [front]
  api:
    build:
      context: ./api
      args:
        NODE_VERSION: "20"
    command: ["node", "server.js"]
    environment:
      - DATABASE_URL=postgres://shop@db/shop
      - DEBUG
    healthcheck:
      test: ["CMD", "wget", "-qO-", "http://localhost:3000/health"]
      interval: 10s
      timeout: 2s
      retries: 3
    secrets: [db_password]
    configs:
      - source: app_config
        target: /etc/app.json
    networks: [front, back]
    deploy:
      resources:
        limits: { cpus: "0.5", memory: 256M }
  db:
    image: postgres:16
    volumes:
      - type: volume
        source: db-data
        target: /var/lib/postgresql/data
    networks:
      back:
        aliases: [database]
volumes:
  db-data: {}
networks:
  front: {}
  back:
    internal: true
secrets:
  db_password:
    file: ./secrets/db_password.txt
configs:
  app_config:
    file: ./config/app.json
`,
    'secrets/db_password.txt': 'hunter2\n',
    'config/app.json': '{"debug": false}\n',
  },
};

const overrideAndDotenv: FuzzSeed = {
  name: 'override-and-dotenv',
  files: {
    'compose.yaml': `services:
  app:
    image: \${REGISTRY:-docker.io}/library/app:\${TAG:?TAG must be set}
    env_file:
      - ./app.env
      - path: ./optional.env
        required: false
    ports: ["\${PORT:-3000}:3000"]
    labels:
      com.example.tier: backend
    profiles: [default-off]
  worker:
    image: \${REGISTRY:-docker.io}/library/app:\${TAG}
    command: worker --queue=\${QUEUE-default}
    restart: on-failure:3
    depends_on: [redis]
  redis:
    image: redis:7
`,
    'compose.override.yaml': `services:
  app:
    profiles: !reset []
    ports: !override ["4000:3000"]
    environment:
      EXTRA: "\${EXTRA:-none}"
  worker:
    scale: 2
`,
    '.env': 'TAG=1.2.3\nQUEUE=jobs\n# comment\nEXPORTED="quoted value"\n',
    'app.env': 'APP_MODE=production\nexport FOO=bar\nMULTI="a\nb"\n',
  },
};

const includeAndExtends: FuzzSeed = {
  name: 'include-and-extends',
  files: {
    'compose.yaml': `include:
  - path: ./infra/compose.yaml
    env_file: ./infra/infra.env
services:
  api:
    extends:
      file: ./common.yaml
      service: base
    image: example/api:2
    depends_on:
      cache:
        condition: service_started
        restart: true
  admin:
    extends: api
    ports: ["9000"]
`,
    'common.yaml': `services:
  base:
    environment:
      LOG_LEVEL: info
    logging:
      driver: json-file
    healthcheck:
      disable: true
`,
    'infra/compose.yaml': `services:
  cache:
    image: redis:\${REDIS_TAG}
    volumes: [cache:/data]
volumes:
  cache:
`,
    'infra/infra.env': 'REDIS_TAG=7-alpine\n',
  },
};

const anchorsAndLongSyntax: FuzzSeed = {
  name: 'anchors-and-long-syntax',
  files: {
    'compose.yaml': `x-defaults: &defaults
  restart: unless-stopped
  logging: &logging
    driver: json-file
    options: { max-size: 10m }
x-env: &env
  TZ: Etc/UTC
services:
  a:
    <<: *defaults
    image: busybox
    entrypoint: ["/bin/sh", "-c"]
    command: "echo $$HOME && sleep 1"
    environment:
      <<: *env
      NAME: a
    ulimits:
      nofile: { soft: 1024, hard: 2048 }
    extra_hosts:
      - "host.docker.internal:host-gateway"
    tmpfs: /run
    stop_grace_period: 1m30s
  b:
    <<: [*defaults]
    image: busybox
    logging: *logging
    volumes:
      - type: bind
        source: ./data
        target: /data
        bind: { create_host_path: true }
      - type: tmpfs
        target: /cache
        tmpfs: { size: 10485760 }
    ports:
      - "127.0.0.1:5000-5002:5000-5002/udp"
    depends_on: { a: { condition: service_completed_successfully } }
    develop:
      watch:
        - action: sync
          path: ./src
          target: /app/src
`,
  },
};

const generated: FuzzSeed = { name: 'generated-20', files: generateProject(20).files };

export const FUZZ_SEEDS: readonly FuzzSeed[] = [
  webAndDatabase,
  overrideAndDotenv,
  includeAndExtends,
  anchorsAndLongSyntax,
  generated,
];
