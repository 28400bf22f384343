/**
 * What the executor learns while a plan runs and later nodes need: the ids of the containers
 * create nodes made, and each service's live containers (for `service:` references and for the
 * dependencies a start waits for). Shared by the operations of one run, and only of that run.
 */
import type { ObservedState } from '../plan/observed-state.js';
import { compareText } from '../plan/compare-text.js';

export interface LiveContainer {
  readonly id: string;
  readonly name: string;
  readonly service: string;
  readonly number: number;
}

export class ExecutionState {
  readonly #created = new Map<number, LiveContainer>();
  readonly #containers = new Map<string, LiveContainer>();
  /** Each dependency condition is waited for once per run, however many starts need it. */
  readonly conditionWaits = new Map<string, Promise<void>>();

  constructor(project: string, observed: ObservedState) {
    for (const container of observed.containers) {
      if (container.oneoff || container.project !== project) continue;
      this.#containers.set(container.id, container);
    }
  }

  created(node: number, container: LiveContainer): void {
    this.#created.set(node, container);
    this.#containers.set(container.id, container);
  }

  createdBy(node: number): LiveContainer {
    const container = this.#created.get(node);
    if (!container) throw new Error(`plan node #${node} created no container`);
    return container;
  }

  renamed(node: number, name: string): void {
    const container = { ...this.createdBy(node), name };
    this.#created.set(node, container);
    this.#containers.set(container.id, container);
  }

  removed(id: string): void {
    this.#containers.delete(id);
  }

  /** The service's containers, by name (docker compose's order for `service:` references). */
  containersOf(service: string): LiveContainer[] {
    return [...this.#containers.values()]
      .filter((container) => container.service === service)
      .sort((a, b) => compareText(a.name, b.name));
  }
}
