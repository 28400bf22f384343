/**
 * The project cannot be brought about on this engine as it stands: a network with the project's
 * name that belongs to something else, an external resource that does not exist, a scaled
 * service with a fixed container name. Every problem found is listed, in the order found.
 */
export class ReconcileError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'ReconcileError';
    this.problems = problems;
  }
}
