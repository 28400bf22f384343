/**
 * `up --wait`: return once every container of the services in scope is running, or healthy
 * where it has a healthcheck (docker compose's start with Wait). A service that another one
 * depends on with `service_completed_successfully` is a job: it must exit 0 instead. The first
 * container that cannot get there (unhealthy, exited, job failed) fails the wait; so does
 * `--wait-timeout`, as "application not healthy after Ns".
 */
import type Docker from 'dockerode';
import type { Project } from '../compose/project.js';
import type { Reporter } from '../ui/reporter.js';
import { waitForCondition } from './container-condition.js';
import { openContainerEvents } from './container-events.js';
import type { LiveContainer } from './execution-state.js';

export interface WaitProjectOptions {
  readonly services: readonly string[];
  readonly containersOf: (service: string) => readonly LiveContainer[];
  readonly reporter: Reporter;
  readonly clock: () => number;
  /** Seconds; none or 0 waits as long as it takes. */
  readonly timeout?: number;
}

export async function waitForProject(
  docker: Docker,
  project: Project,
  options: WaitProjectOptions,
): Promise<void> {
  const jobs = completionServices(project);
  const events = await openContainerEvents(docker, project.name);
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    if (options.timeout && options.timeout > 0) {
      timer = setTimeout(() => {
        const error = new Error(`application not healthy after ${options.timeout}s`);
        abort.abort(error);
        reject(error);
      }, options.timeout * 1000);
    }
  });
  timedOut.catch(() => undefined);
  const waits = options.services.flatMap((service) =>
    options.containersOf(service).map(async (container) => {
      const resource = { type: 'container' as const, name: container.name, service };
      if (jobs.has(service)) {
        const met = await waitForCondition(docker, events, container, 'completed', abort.signal);
        const code = met.kind === 'exited' ? met.code : 0;
        options.reporter.event({ time: options.clock(), resource, kind: 'exited', code });
        if (code !== 0)
          throw new Error(`service ${JSON.stringify(service)} didn't complete successfully: exit ${code}`);
        return;
      }
      await waitForCondition(docker, events, container, 'running-or-healthy', abort.signal);
      options.reporter.event({ time: options.clock(), resource, kind: 'healthy' });
    }),
  );
  try {
    await Promise.race([Promise.all(waits), timedOut]);
  } finally {
    clearTimeout(timer);
    abort.abort(new Error('done waiting'));
    events.close();
    // The losers of the race still settle; their outcome no longer matters.
    for (const wait of waits) wait.catch(() => undefined);
  }
}

/** Services some other service waits for with `service_completed_successfully`. */
function completionServices(project: Project): Set<string> {
  const jobs = new Set<string>();
  for (const service of Object.values(project.services)) {
    for (const [name, dependency] of Object.entries(service.depends_on ?? {})) {
      if (dependency.condition === 'service_completed_successfully') jobs.add(name);
    }
  }
  return jobs;
}
