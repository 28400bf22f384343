/**
 * Composes the engine from its parts: the event bus, the image store, the volume store, the
 * networks (bridges, DNS, published ports through rootlesskit), the container service (which
 * needs the other three), and the API-facing services over them. The
 * host decisions (OCI runtime, storage driver) come in as values, detected by engine-main.ts,
 * so a test can build an engine on chosen parts. Nothing listens here; engine-main.ts serves.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { imageServiceOver } from './api/adapters/image-service-adapter.js';
import { volumeServiceOver } from './api/adapters/volume-service-adapter.js';
import type { EngineServices } from './api/engine-services.js';
import type { ContainerSummary } from './api/engine-types.js';
import { readSystemFacts } from './api/read-system-facts.js';
import { createSystemService } from './api/system-service.js';
import { ContainerService } from './containers/container-service.js';
import type { ImageLookup } from './containers/image-lookup.js';
import { EventBus } from './events.js';
import type { OciRuntime } from './host/choose-oci-runtime.js';
import { rootlesskitApiSocket, type EnginePaths } from './host/paths.js';
import type { StorageDriver } from './host/probe-overlay-mount.js';
import { SLIRP_HOST_LOOPBACK } from './host/slirp-network.js';
import { hostLoopbackFetch } from './images/host-loopback-fetch.js';
import { ImageStore, type ImageUser } from './images/image-store.js';
import { IpRunner } from './network/ip-runner.js';
import { NatTable } from './network/nat-table.js';
import { networkApiOver } from './network/network-api.js';
import { NetworkService, networksDir } from './network/network-service.js';
import { rootlesskitPorts } from './network/rootlesskit-ports.js';
import { readUpstreamResolvers } from './network/upstream-resolvers.js';
import { VolumeService } from './storage/volume-service.js';

export interface EngineParts {
  paths: EnginePaths;
  env: Readonly<Record<string, string | undefined>>;
  engineVersion: string;
  ociRuntime: OciRuntime;
  storageDriver: StorageDriver;
  bus?: EventBus;
  /** Where the engine's own troubles go (the engine log); stderr by default. */
  log?: (line: string) => void;
}

export interface Engine {
  services: EngineServices;
  /** After a (re)start: reload containers, reconcile them with runc and conmon, resume supervision. */
  recover(): Promise<void>;
  /** Stops timers, watchers and DNS servers; containers, links and ports stay. */
  close(): void;
}

export async function buildEngine(parts: EngineParts): Promise<Engine> {
  const { paths, env } = parts;
  const bus = parts.bus ?? new EventBus();
  await mkdir(paths.dataDir, { recursive: true, mode: 0o700 });
  // The image store asks who uses an image before removing it; the container service, built
  // just below, knows. The closure runs only at a removal, long after both exist.
  const images: ImageStore = new ImageStore(join(paths.dataDir, 'images'), {
    driverName: parts.storageDriver === 'overlay' ? 'overlay2' : 'fuse-overlayfs',
    fetch: hostLoopbackFetch(fetch, SLIRP_HOST_LOOPBACK),
    containersUsing: async (imageId: string): Promise<ImageUser[]> => {
      const all: ContainerSummary[] = await containers.list({ all: true, filters: {} });
      return all
        .filter((c) => c.ImageID === imageId)
        .map((c) => ({ id: c.Id, running: c.State === 'running' }));
    },
  });
  const volumes = new VolumeService(join(paths.dataDir, 'volumes'));
  const log = parts.log ?? ((line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`));
  const upstream = await readUpstreamResolvers();
  const networks = new NetworkService({
    dir: networksDir(paths.dataDir),
    ip: IpRunner.locate(env),
    nat: NatTable.locate(env, log),
    ports: rootlesskitPorts(rootlesskitApiSocket(paths)),
    publish: (fields) => bus.publish(fields),
    log,
    upstream: () => upstream,
  });
  const containers: ContainerService = new ContainerService({
    paths,
    images: imageLookup(images),
    volumes,
    ociRuntime: parts.ociRuntime,
    storageDriver: parts.storageDriver,
    emit: (event) => bus.emit(event),
    env,
    hostGateway: SLIRP_HOST_LOOPBACK,
    networks: networks.sandboxes,
  });
  const imageService = imageServiceOver(images, bus);
  const facts = await readSystemFacts({
    paths,
    env,
    engineVersion: parts.engineVersion,
    ociRuntime: parts.ociRuntime,
    storageDriver: parts.storageDriver,
  });
  return {
    services: {
      images: imageService,
      containers,
      volumes: volumeServiceOver(volumes, bus),
      networks: networkApiOver(networks, containers),
      system: createSystemService(facts, { containers, images: imageService }),
      events: bus,
    },
    // Networks first: a container found exited releases its sandbox, which must be loaded by then.
    recover: async () => {
      await networks.recover();
      await containers.recover();
    },
    close: () => {
      containers.close();
      networks.close();
    },
  };
}

/** What the container service needs of an image: its id, config and layer folders. */
function imageLookup(store: ImageStore): ImageLookup {
  return {
    async find(reference) {
      const record = await store.find(reference);
      if (!record) return undefined;
      return { id: record.id, config: await store.config(record), layerDirs: store.layerDirs(record) };
    },
  };
}
