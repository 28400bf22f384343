/**
 * Config hashes of networks and volumes, as docker compose writes them in the
 * `com.docker.compose.config-hash` label: SHA-256 of the resource's JSON form. A later run
 * compares the label with the file's current form to tell whether the resource must be
 * recreated. A resource without the label (created by an older tool, or by hand) is never
 * considered diverged. Like docker compose, a volume without a driver hashes as `local`.
 */
import { createHash } from 'node:crypto';
import { goJson } from '../compose/go-json.js';
import type { NetworkConfig, VolumeConfig } from '../compose/project.js';
import { renderObject } from '../compose/render-model.js';

export function networkConfigHash(network: NetworkConfig): string {
  return sha256(goJson(renderObject(network, 'NetworkConfig', 'json')));
}

export function volumeConfigHash(volume: VolumeConfig): string {
  const withDriver = volume.driver ? volume : { ...volume, driver: 'local' };
  return sha256(goJson(renderObject(withDriver, 'VolumeConfig', 'json')));
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
