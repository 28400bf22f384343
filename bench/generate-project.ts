/**
 * A large, realistic compose project, built from data so that benchmarks and tests can share it.
 *
 * The project is a row of "stacks" (billing, catalog, search…), each ten services that look like
 * what teams actually write: a database and a cache with health checks and named volumes, an API
 * built from a local Dockerfile with build args and env files, a migration job, workers, a
 * scheduler, an nginx front end, a proxy with long-syntax ports, a queue and a metrics exporter.
 * Services depend on each other in chains inside a stack (scheduler → worker → api → migrate →
 * db, proxy → web → api), and every stack's API waits for the auth stack's API, so the graph is
 * deep as well as wide. It is not one long chain across all stacks: podman-compose 1.0.3 walks
 * dependencies without memoisation (`rec_deps`), and a 150-service chain kept it busy for over
 * ten minutes, which would measure that bug rather than loading. Interpolation (`${TAG:-…}`),
 * a YAML anchor (shared logging) and both short and long syntaxes appear throughout.
 *
 * Everything is derived from the service's index, not from a random source, so the same size
 * always yields the same files. Only syntax that docker-compose v1 (1.29) and podman-compose
 * (1.0.3) also accept is used, because the benchmark feeds them the same project.
 *
 * It returns file contents keyed by relative path and writes nothing: bench/config.ts writes
 * them to a temporary directory, tests can hand them to memoryFileSystem.
 */
import { stringify } from 'yaml';

export interface GeneratedProject {
  /** Relative path → content: compose.yaml, .env, env files, Dockerfiles, nginx configs. */
  readonly files: Readonly<Record<string, string>>;
  readonly serviceCount: number;
}

const STACK_NAMES = [
  'auth',
  'billing',
  'catalog',
  'search',
  'accounts',
  'orders',
  'payments',
  'shipping',
  'inventory',
  'reviews',
  'notifications',
  'analytics',
  'reports',
  'media',
  'chat',
  'pricing',
  'ledger',
  'crm',
  'support',
  'feeds',
  'geo',
  'recommend',
  'audit',
  'export',
  'import',
  'scheduler',
  'gateway',
  'profile',
  'wishlist',
  'loyalty',
];

/** The roles of a stack, in the order their services are emitted. */
const ROLES = ['db', 'cache', 'queue', 'migrate', 'api', 'worker', 'scheduler', 'web', 'proxy', 'metrics'];

type ServiceBuilder = (stack: Stack) => Record<string, unknown>;

interface Stack {
  name: string;
  index: number;
  /** The first stack's API (auth), which every other API waits for; undefined in that stack. */
  sharedApi: string | undefined;
  logging: Record<string, unknown>;
}

const DATABASES = [
  {
    image: 'postgres:16.3-alpine',
    data: '/var/lib/postgresql/data',
    env: (db: string) => ({
      POSTGRES_DB: db,
      POSTGRES_USER: db,
      POSTGRES_PASSWORD: '${DB_PASSWORD:-secret}',
    }),
    test: ['CMD-SHELL', 'pg_isready -U $${POSTGRES_USER}'],
  },
  {
    image: 'mariadb:11.4',
    data: '/var/lib/mysql',
    env: (db: string) => ({ MARIADB_DATABASE: db, MARIADB_ROOT_PASSWORD: '${DB_PASSWORD:-secret}' }),
    test: ['CMD', 'healthcheck.sh', '--connect', '--innodb_initialized'],
  },
  {
    image: 'mongo:7.0',
    data: '/data/db',
    env: (db: string) => ({ MONGO_INITDB_DATABASE: db }),
    test: ['CMD', 'mongosh', '--quiet', '--eval', "db.adminCommand('ping')"],
  },
];

const BUILDERS: Record<string, ServiceBuilder> = {
  db: (s) => {
    const db = DATABASES[s.index % DATABASES.length] ?? DATABASES[0]!;
    return {
      image: db.image,
      restart: 'unless-stopped',
      environment: db.env(s.name),
      volumes: [`${s.name}-db-data:${db.data}`],
      networks: [`${s.name}-backend`],
      healthcheck: { test: db.test, interval: '5s', timeout: '3s', retries: 10, start_period: '20s' },
      labels: { 'com.example.stack': s.name, 'com.example.role': 'database' },
      logging: s.logging,
    };
  },
  cache: (s) => ({
    image: `redis:7.${s.index % 3}-alpine`,
    command: ['redis-server', '--appendonly', 'yes', '--maxmemory', `${64 + s.index}mb`],
    volumes: [{ type: 'volume', source: `${s.name}-cache-data`, target: '/data' }],
    networks: [`${s.name}-backend`],
    healthcheck: { test: ['CMD', 'redis-cli', 'ping'], interval: '5s', timeout: '2s', retries: 5 },
    labels: [`com.example.stack=${s.name}`, 'com.example.role=cache'],
    logging: s.logging,
  }),
  queue: (s) => ({
    image: 'rabbitmq:3.13-management-alpine',
    hostname: `${s.name}-queue`,
    environment: ['RABBITMQ_DEFAULT_USER=app', 'RABBITMQ_DEFAULT_PASS=${QUEUE_PASSWORD:-guest}'],
    ports: ['15672'],
    networks: [`${s.name}-backend`],
    healthcheck: { test: ['CMD', 'rabbitmq-diagnostics', '-q', 'ping'], interval: '10s', retries: 6 },
    logging: s.logging,
  }),
  migrate: (s) => ({
    build: { context: `./services/${s.name}-api`, target: 'migrate' },
    command: 'npm run migrate -- --to latest',
    restart: 'no',
    env_file: ['./env/common.env', `./env/${s.name}.env`],
    depends_on: { [`${s.name}-db`]: { condition: 'service_healthy' } },
    networks: [`${s.name}-backend`],
  }),
  api: (s) => ({
    image: `\${REGISTRY:-registry.example.com}/${s.name}/api:\${TAG:-latest}`,
    build: {
      context: `./services/${s.name}-api`,
      dockerfile: 'Dockerfile',
      target: 'runtime',
      args: { NODE_VERSION: `${18 + (s.index % 3) * 2}`, BUILD_STACK: s.name },
      labels: { 'org.opencontainers.image.title': `${s.name}-api` },
    },
    ports: [`127.0.0.1:${21000 + s.index}:8080`],
    environment: {
      PORT: '8080',
      LOG_LEVEL: '${LOG_LEVEL:-info}',
      DATABASE_URL: `postgres://${s.name}:\${DB_PASSWORD:-secret}@${s.name}-db:5432/${s.name}`,
      REDIS_URL: `redis://${s.name}-cache:6379/0`,
      AMQP_URL: `amqp://app@${s.name}-queue:5672`,
    },
    env_file: ['./env/common.env', `./env/${s.name}.env`],
    depends_on: {
      [`${s.name}-db`]: { condition: 'service_healthy' },
      [`${s.name}-cache`]: { condition: 'service_healthy' },
      [`${s.name}-queue`]: { condition: 'service_started' },
      [`${s.name}-migrate`]: { condition: 'service_completed_successfully' },
      ...(s.sharedApi ? { [s.sharedApi]: { condition: 'service_healthy' } } : {}),
    },
    networks: { [`${s.name}-backend`]: { aliases: [`${s.name}.internal`] }, frontend: null },
    healthcheck: {
      test: ['CMD-SHELL', 'wget -qO- http://localhost:8080/healthz || exit 1'],
      interval: '10s',
      timeout: '2s',
      retries: 3,
      start_period: '15s',
    },
    deploy: { resources: { limits: { cpus: '0.50', memory: '512M' } } },
    labels: {
      'traefik.enable': 'true',
      [`traefik.http.routers.${s.name}.rule`]: `PathPrefix(\`/${s.name}\`)`,
    },
    logging: s.logging,
  }),
  worker: (s) => ({
    image: `\${REGISTRY:-registry.example.com}/${s.name}/api:\${TAG:-latest}`,
    command: ['node', 'dist/worker.js', '--concurrency', `${2 + (s.index % 4)}`],
    environment: ['LOG_LEVEL=${LOG_LEVEL:-info}', `QUEUE=${s.name}-jobs`, 'NODE_ENV'],
    env_file: [`./env/${s.name}.env`],
    depends_on: [`${s.name}-api`],
    networks: [`${s.name}-backend`],
    stop_grace_period: '30s',
    logging: s.logging,
  }),
  scheduler: (s) => ({
    image: 'alpine:3.20',
    command: ['crond', '-f', '-l', '8'],
    volumes: [`./services/${s.name}-scheduler/crontab:/etc/crontabs/root:ro`],
    depends_on: { [`${s.name}-worker`]: { condition: 'service_started' } },
    networks: [`${s.name}-backend`],
    labels: { 'com.example.stack': s.name },
  }),
  web: (s) => ({
    image: 'nginx:1.27-alpine',
    ports: [`${20000 + s.index}:80`],
    volumes: [
      `./services/${s.name}-web/nginx.conf:/etc/nginx/conf.d/default.conf:ro`,
      {
        type: 'bind',
        source: `./services/${s.name}-web/static`,
        target: '/usr/share/nginx/html',
        read_only: true,
      },
    ],
    depends_on: { [`${s.name}-api`]: { condition: 'service_healthy' } },
    networks: ['frontend'],
    healthcheck: { test: ['CMD', 'wget', '-qO-', 'http://localhost/'], interval: '15s' },
    logging: s.logging,
  }),
  proxy: (s) => ({
    image: 'envoyproxy/envoy:v1.30-latest',
    ports: [
      { target: 10000, published: 22000 + s.index, protocol: 'tcp' },
      { target: 9901, published: 23000 + s.index, protocol: 'tcp', mode: 'host' },
    ],
    depends_on: [`${s.name}-web`],
    networks: ['frontend'],
    ulimits: { nofile: { soft: 65536, hard: 65536 } },
  }),
  metrics: (s) => ({
    image: 'prom/statsd-exporter:v0.26.1',
    expose: ['9102', '9125/udp'],
    depends_on: [`${s.name}-api`],
    networks: [`${s.name}-backend`],
    labels: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9102' },
  }),
};

/** `serviceCount` services, rounded to whole stacks of ten (300 → 30 stacks). */
export function generateProject(serviceCount = 300): GeneratedProject {
  const stackCount = Math.max(1, Math.ceil(serviceCount / ROLES.length));
  const logging = { driver: 'json-file', options: { 'max-size': '10m', 'max-file': '3' } };
  const services: Record<string, unknown> = {};
  const networks: Record<string, unknown> = { frontend: { driver: 'bridge' } };
  const volumes: Record<string, unknown> = {};
  const files: Record<string, string> = {
    '.env': 'TAG=1.4.2\nLOG_LEVEL=info\nDB_PASSWORD=s3cr3t\n',
    'env/common.env': 'NODE_ENV=production\nTZ=Etc/UTC\n# shared by every API\nOTEL_EXPORTER=none\n',
  };
  for (let index = 0; index < stackCount; index++) {
    const name = stackName(index);
    const stack: Stack = {
      name,
      index,
      sharedApi: index > 0 ? `${stackName(0)}-api` : undefined,
      logging,
    };
    for (const role of ROLES) {
      if (Object.keys(services).length >= serviceCount) break;
      services[`${name}-${role}`] = BUILDERS[role]!(stack);
    }
    networks[`${name}-backend`] = { driver: 'bridge', labels: { 'com.example.stack': name } };
    volumes[`${name}-db-data`] = { labels: { 'com.example.backup': index % 2 === 0 ? 'daily' : 'weekly' } };
    volumes[`${name}-cache-data`] = {};
    files[`env/${name}.env`] = `STACK=${name}\nFEATURE_FLAGS=a,b,${name}\nQUOTED="value with spaces"\n`;
    files[`services/${name}-api/Dockerfile`] = dockerfile();
    files[`services/${name}-web/nginx.conf`] =
      `server { listen 80; location / { proxy_pass http://${name}-api:8080; } }\n`;
    files[`services/${name}-web/static/index.html`] = `<h1>${name}</h1>\n`;
    files[`services/${name}-scheduler/crontab`] = `*/5 * * * * wget -qO- http://${name}-api:8080/tick\n`;
  }
  const compose = { 'x-logging': logging, services, networks, volumes };
  // The shared logging object becomes one anchor and 200-odd aliases, as hand-written files do.
  // YAML 1.1 output quotes `no` and `yes`, which PyYAML (docker-compose v1, podman-compose) would
  // otherwise read as booleans.
  files['compose.yaml'] = stringify(compose, { lineWidth: 0, version: '1.1' });
  return { files, serviceCount: Object.keys(services).length };
}

function stackName(index: number): string {
  const base = STACK_NAMES[index % STACK_NAMES.length] ?? 'stack';
  return index < STACK_NAMES.length ? base : `${base}${Math.floor(index / STACK_NAMES.length) + 1}`;
}

function dockerfile(): string {
  return [
    'ARG NODE_VERSION=20',
    'FROM node:${NODE_VERSION}-alpine AS build',
    'WORKDIR /app',
    'COPY . .',
    'FROM build AS migrate',
    'CMD ["npm", "run", "migrate"]',
    'FROM build AS runtime',
    'CMD ["node", "dist/server.js"]',
    '',
  ].join('\n');
}
