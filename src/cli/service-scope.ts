/**
 * Which services a container command acts on (docker compose's `options.Services`): the ones named
 * on the command line, else every service of the loaded project (so orphans are left alone), else,
 * with only a project name, every service that has containers (an empty list means all).
 */
import type { ProjectTarget } from './project-or-name.js';

export function serviceScope(target: ProjectTarget, requested: readonly string[]): string[] {
  if (requested.length > 0) return [...requested];
  return target.project ? Object.keys(target.project.services) : [];
}
