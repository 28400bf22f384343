/**
 * Every sample of docker/awesome-compose (fixtures/awesome-compose, see its NOTICE) loads through
 * the real loader from the disk, and the result agrees with what the raw YAML says.
 *
 * The expectations are not written by hand and do not come from the loader: for each sample the
 * test reads the compose file again with the `yaml` package and derives the service names, the
 * images and the ports from it, with its own small reading of the short port syntax. A loader that
 * drops a service, rewrites an image or loses a port fails here even if its own tests agree with
 * it. Samples are real-world files, so this also catches what hand-written cases never contain.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ComposeErrors, ComposeFileError } from '../../src/compose/errors.js';
import { loadProject, type LoadedProject } from '../../src/compose/load-project.js';
import { nodeFileSystem } from '../../src/cli/node-file-system.js';

const SAMPLES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/awesome-compose');
/** A fixed environment, so that the machine running the tests cannot change the outcome. */
const ENVIRONMENT = { HOME: '/home/user' };

/**
 * Samples that cannot load here, each with the reason: something the sample needs that is not in
 * the snapshot (a missing env file, an included file). None today: every sample references only
 * build contexts, bind mounts and secret files, which the loader resolves without reading, and
 * the four `.env` files it does read are copied. A sample listed here is checked to fail, so the
 * list cannot go stale.
 */
const CANNOT_LOAD: Readonly<Record<string, string>> = {};

const SAMPLES = readdirSync(SAMPLES_DIR)
  .filter((name) => statSync(join(SAMPLES_DIR, name)).isDirectory())
  .sort()
  .map((name) => ({ name, dir: join(SAMPLES_DIR, name), file: composeFileOf(join(SAMPLES_DIR, name)) }));

const LOADABLE = SAMPLES.filter((sample) => !(sample.name in CANNOT_LOAD));
const UNLOADABLE = SAMPLES.filter((sample) => sample.name in CANNOT_LOAD);

describe('docker/awesome-compose samples', () => {
  it('are all here', () => {
    // 39 samples have a compose file at 18f59bd; a lost folder should not shrink the test quietly.
    expect(SAMPLES.length).toBe(39);
  });

  describe.each(LOADABLE)('$name', ({ name, dir, file }) => {
    const raw = readRaw(file);
    const load = once(() => loadProject({ workingDir: dir, environment: ENVIRONMENT }, nodeFileSystem));

    it('loads, named after its folder', () => {
      const loaded = loadOrExplain(load);
      // Compose lowercases the folder name and drops what a project name cannot hold.
      expect(loaded.project.name).toBe(name.toLowerCase().replace(/[^a-z0-9_-]/g, ''));
      expect(loaded.files).toEqual([file]);
    });

    it('has the services of the file', () => {
      expect(Object.keys(loadOrExplain(load).project.services).sort()).toEqual(Object.keys(raw).sort());
    });

    it.each(Object.entries(raw).filter(([, service]) => typeof service.image === 'string'))(
      'service %s keeps its image',
      (service, { image }) => {
        expect(loadOrExplain(load).project.services[service]?.image).toBe(image);
      },
    );

    it.each(Object.entries(raw).filter(([, service]) => Array.isArray(service.ports)))(
      'service %s publishes the ports of the file',
      (service, { ports }) => {
        const model = loadOrExplain(load).project.services[service]?.ports ?? [];
        const expected = (ports as unknown[]).map(readPort);
        expect(model).toHaveLength(expected.length);
        for (const port of expected) expect(model).toContainEqual(expect.objectContaining(port));
      },
    );
  });

  it.each(UNLOADABLE)('$name cannot load here: see CANNOT_LOAD', ({ dir }) => {
    expect(() => loadProject({ workingDir: dir, environment: ENVIRONMENT }, nodeFileSystem)).toThrow(
      ComposeFileError,
    );
  });
});

interface RawService {
  image?: unknown;
  ports?: unknown;
}

function composeFileOf(dir: string): string {
  const name = ['compose.yaml', 'compose.yml'].find((candidate) => {
    return statSync(join(dir, candidate), { throwIfNoEntry: false })?.isFile();
  });
  if (!name) throw new Error(`${dir} has no compose.yaml or compose.yml`);
  return join(dir, name);
}

function readRaw(file: string): Record<string, RawService> {
  const document = parse(readFileSync(file, 'utf8')) as { services?: Record<string, RawService | null> };
  return Object.fromEntries(Object.entries(document.services ?? {}).map(([name, s]) => [name, s ?? {}]));
}

/** The first call's result (or error) for every call: each sample is loaded once for its tests. */
function once<T>(run: () => T): () => T {
  let outcome: { value: T } | { error: unknown } | undefined;
  return () => {
    if (!outcome) {
      try {
        outcome = { value: run() };
      } catch (error) {
        outcome = { error };
      }
    }
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  };
}

/** Shows the loader's own message when it refuses the sample. */
function loadOrExplain(load: () => LoadedProject): LoadedProject {
  try {
    return load();
  } catch (error) {
    if (error instanceof ComposeFileError || error instanceof ComposeErrors) {
      throw new Error(`the loader refused the sample:\n${error.message}`, { cause: error });
    }
    throw error;
  }
}

interface ExpectedPort {
  target: number;
  published?: string;
  host_ip?: string;
  protocol: string;
}

/**
 * The test's own reading of a port entry: `[host_ip:][published:]target[/protocol]` or the long
 * form. Deliberately independent of src/compose/parse-port.ts; ranges are not needed by any
 * sample and fail loudly so that a new sample with one gets a proper reading.
 */
function readPort(entry: unknown): ExpectedPort {
  if (typeof entry === 'object' && entry !== null) {
    const long = entry as {
      target: number;
      published?: string | number;
      protocol?: string;
      host_ip?: string;
    };
    return {
      target: long.target,
      protocol: long.protocol ?? 'tcp',
      ...(long.published !== undefined ? { published: String(long.published) } : {}),
      ...(long.host_ip !== undefined ? { host_ip: long.host_ip } : {}),
    };
  }
  const text = String(entry);
  const [address = '', protocol = 'tcp'] = text.split('/');
  if (address.includes('-')) throw new Error(`port range ${text}: teach readPort about ranges`);
  const parts = address.split(':');
  const target = Number(parts.pop());
  const published = parts.pop();
  const hostIp = parts.length > 0 ? parts.join(':') : undefined;
  return {
    target,
    protocol,
    ...(published !== undefined && published !== '' ? { published } : {}),
    ...(hostIp !== undefined ? { host_ip: hostIp } : {}),
  };
}
