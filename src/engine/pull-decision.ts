/**
 * Which images a run pulls (docker compose's pullRequiredImages and `pull --policy`): the
 * command line's `--pull` wins over each service's `pull_policy`; `missing` (and compose's
 * `if_not_present`, `daily`, `weekly`, `every_…`, which need a pull date we do not keep) pulls
 * only what is not here; `always` and `refresh` pull every time; `never` and `build` never pull.
 * A service that builds its image is not pulled unless its policy says `always`. Pure.
 */
import type { Project, ServiceConfig } from '../compose/project.js';
import { serviceImageName } from '../plan/container-name.js';

/** `--pull`: `policy` (the default) leaves each service's own `pull_policy` in charge. */
export type PullOption = 'policy' | 'always' | 'missing' | 'never' | 'build';

export const PULL_OPTIONS: readonly PullOption[] = ['policy', 'always', 'missing', 'never', 'build'];

export interface ImagePull {
  readonly reference: string;
  /** The services that run it, for the progress display. */
  readonly services: readonly string[];
}

export function imagesToPull(
  project: Project,
  options: { readonly pull: PullOption; readonly services?: readonly string[] },
  isLocal: (reference: string) => boolean,
): ImagePull[] {
  const byReference = new Map<string, string[]>();
  const names =
    options.services && options.services.length > 0 ? options.services : Object.keys(project.services);
  for (const name of names) {
    const service = project.services[name];
    if (!service || !service.image) continue;
    const reference = serviceImageName(project.name, name, service);
    if (!wantsPull(effectivePolicy(service, options.pull), service, isLocal(reference))) continue;
    byReference.set(reference, [...(byReference.get(reference) ?? []), name]);
  }
  return [...byReference].map(([reference, services]) => ({ reference, services }));
}

function effectivePolicy(service: ServiceConfig, pull: PullOption): string {
  if (pull !== 'policy') return pull;
  return typeof service.pull_policy === 'string' ? service.pull_policy : 'missing';
}

function wantsPull(policy: string, service: ServiceConfig, local: boolean): boolean {
  switch (policy) {
    case 'never':
    case 'build':
      return false;
    case 'always':
    case 'refresh':
      return true;
    default:
      return !local && service.build === undefined;
  }
}
