/**
 * What the API shows of an image: `ImageInspect` (`GET /images/{name}/json`) and `ImageSummary`
 * (a row of `GET /images/json`), built from the index record and the image config.
 * Pure: the layer folders come in as paths.
 */
import type { ImageInspect, ImageSummary } from '../api/engine-types.js';
import type { ImageConfigBlob } from './image-config.js';
import type { ImageRecord } from './image-index.js';

/** Docker's zero time, for images whose config has no `created`. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

export function imageSize(record: ImageRecord): number {
  return record.layers.reduce((sum, layer) => sum + layer.unpackedSize, 0);
}

export function toImageInspect(
  record: ImageRecord,
  config: ImageConfigBlob,
  layerDirs: readonly string[],
  driverName: string,
): ImageInspect {
  const size = imageSize(record);
  const text = (key: string): string => {
    const value = config.raw[key];
    return typeof value === 'string' ? value : '';
  };
  const inspect: ImageInspect = {
    Id: record.id,
    RepoTags: [...record.repoTags],
    RepoDigests: [...record.repoDigests],
    Parent: '',
    Comment: text('comment'),
    Created: config.created ?? ZERO_TIME,
    DockerVersion: text('docker_version'),
    Author: config.author ?? '',
    Config: config.config,
    Architecture: config.architecture,
    Os: config.os,
    Size: size,
    VirtualSize: size,
    GraphDriver: {
      Name: driverName,
      // Docker's order: the top layer first.
      Data: layerDirs.length > 0 ? { LowerDir: [...layerDirs].reverse().join(':') } : null,
    },
    RootFS: { Type: 'layers', Layers: config.diffIds },
    Metadata: { LastTagTime: record.lastTagTime },
  };
  if (config.variant !== undefined) inspect.Variant = config.variant;
  return inspect;
}

export function toImageSummary(record: ImageRecord, config: ImageConfigBlob): ImageSummary {
  const size = imageSize(record);
  const created = Date.parse(config.created ?? '');
  return {
    Id: record.id,
    ParentId: '',
    RepoTags: [...record.repoTags],
    RepoDigests: [...record.repoDigests],
    Created: Number.isNaN(created) ? 0 : Math.floor(created / 1000),
    Size: size,
    SharedSize: -1,
    VirtualSize: size,
    Labels: config.config.Labels ?? null,
    Containers: -1,
  };
}
