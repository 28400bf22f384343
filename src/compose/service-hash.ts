/**
 * The config hash of a service, as docker compose computes it for the
 * `com.docker.compose.config-hash` label and `config --hash`: SHA-256 of the service's JSON form
 * without the fields that do not require recreating the container (build, pull_policy, scale,
 * deploy.replicas, depends_on, profiles).
 */
import { createHash } from 'node:crypto';
import type { ServiceConfig } from './project.js';
import { goJson } from './go-json.js';
import { renderObject } from './render-model.js';

export function serviceConfigHash(service: ServiceConfig): string {
  const {
    build: _build,
    pull_policy: _pullPolicy,
    scale: _scale,
    depends_on: _dependsOn,
    profiles: _profiles,
    ...rest
  } = service;
  const deploy = rest.deploy as Record<string, unknown> | undefined;
  if (deploy) {
    const { replicas: _replicas, ...otherDeploy } = deploy;
    rest.deploy = otherDeploy;
  }
  const json = goJson(renderObject(rest, 'ServiceConfig', 'json'));
  return createHash('sha256').update(json).digest('hex');
}
