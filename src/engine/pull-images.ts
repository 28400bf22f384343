/**
 * Pulls the images a run needs (see pull-decision.ts for which), all at once, reporting each as
 * `pulling` (with a layer's bytes from Docker's progress lines) and then `pulled`. `up`, `create`
 * and `pull` share it. Failures are collected: every image is tried, then one error names each
 * image that failed, as docker compose does.
 */
import type Docker from 'dockerode';
import type { Project } from '../compose/project.js';
import type { Reporter } from '../ui/reporter.js';
import { toEngineError } from './engine-error.js';
import { readJsonLines } from './json-lines.js';
import { localImageId } from './local-image.js';
import { imagesToPull, type ImagePull, type PullOption } from './pull-decision.js';

export interface PullImagesOptions {
  readonly policy: PullOption;
  /** Only these services' images; all when empty or absent. */
  readonly services?: readonly string[];
  readonly reporter: Reporter;
  readonly clock?: () => number;
  /** Images known to be local (from an observation already made); asked of the engine otherwise. */
  readonly localImages?: Readonly<Record<string, string>>;
}

export interface PullProgressLine {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
}

/** Pulls what the policy asks for; returns the references pulled. */
export async function pullServiceImages(
  docker: Docker,
  project: Project,
  options: PullImagesOptions,
): Promise<string[]> {
  const local = options.localImages ?? (await localImages(docker, project, options.services));
  const pulls = imagesToPull(
    project,
    { pull: options.policy, ...(options.services ? { services: options.services } : {}) },
    (reference) => reference in local,
  );
  const clock = options.clock ?? Date.now;
  const failures: string[] = [];
  await Promise.all(
    pulls.map((pull) =>
      pullImage(docker, pull, options.reporter, clock).catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        options.reporter.event({ time: clock(), resource: imageResource(pull), kind: 'error', message });
        failures.push(message);
      }),
    ),
  );
  if (failures.length > 0) throw new Error(failures.join('\n'));
  return pulls.map((pull) => pull.reference);
}

async function pullImage(
  docker: Docker,
  pull: ImagePull,
  reporter: Reporter,
  clock: () => number,
): Promise<void> {
  const resource = imageResource(pull);
  reporter.event({ time: clock(), resource, kind: 'pulling' });
  let stream: NodeJS.ReadableStream;
  try {
    stream = (await docker.pull(pull.reference)) as NodeJS.ReadableStream;
  } catch (error) {
    throw toEngineError(`pull ${pull.reference}`, error);
  }
  for await (const value of readJsonLines(stream)) {
    const line = value as PullProgressLine;
    if (line.error !== undefined)
      throw new Error(`pull ${pull.reference}: ${line.errorDetail?.message ?? line.error}`);
    const detail = line.progressDetail;
    if (line.id && detail && typeof detail.current === 'number') {
      reporter.event({
        time: clock(),
        resource,
        kind: 'pulling',
        layer: line.id,
        current: detail.current,
        ...(typeof detail.total === 'number' && detail.total > 0 ? { total: detail.total } : {}),
      });
    }
  }
  reporter.event({ time: clock(), resource, kind: 'pulled' });
}

function imageResource(pull: ImagePull): { type: 'image'; name: string; service?: string } {
  const [service] = pull.services;
  return {
    type: 'image',
    name: pull.reference,
    ...(pull.services.length === 1 && service ? { service } : {}),
  };
}

async function localImages(
  docker: Docker,
  project: Project,
  services: readonly string[] | undefined,
): Promise<Record<string, string>> {
  const references = imagesToPull(
    project,
    { pull: 'always', ...(services ? { services } : {}) },
    () => false,
  );
  const found: Record<string, string> = {};
  await Promise.all(
    references.map(async ({ reference }) => {
      const id = await localImageId(docker, reference);
      if (id) found[reference] = id;
    }),
  );
  return found;
}
