/**
 * Values the specification implies when an attribute is left out, set on the canonical tree the
 * way compose-go's `SetDefaultValues` does (one row per rule):
 *
 * - `build.context` is `.` (`build.dockerfile: Dockerfile` is normalize.ts's, as in compose-go,
 *   so that `--no-normalize` leaves it out);
 * - a service secret without `target` is mounted at `/run/secrets/<source>`;
 * - a port's `protocol` is `tcp` and its `mode` `ingress`;
 * - a GPU or device reservation without `count` or `device_ids` takes all devices (`count: -1`,
 *   which is how compose-go's model holds `all`);
 * - a bind mount's `bind.create_host_path` is true where the `bind` section exists (short syntax
 *   always has one; a long-syntax bind without it does not create the host path).
 *
 * `depends_on` (`condition`, `required`) and `env_file` (`required`) defaults are part of the
 * canonical transform, as in compose-go. Nothing here reads the file system or the environment.
 */
import { applyPathRules, compilePathRules, type PathRule } from './apply-path-rules.js';

type Mapping = Record<string, unknown>;

const DEFAULT_RULES: readonly PathRule<undefined>[] = [
  {
    pattern: 'services.*.build',
    apply: withMapping((build) => ('context' in build ? build : { ...build, context: '.' })),
  },
  {
    pattern: 'services.*.secrets.*',
    apply: withMapping((secret) =>
      'target' in secret ? secret : { ...secret, target: `/run/secrets/${String(secret.source)}` },
    ),
  },
  {
    pattern: 'services.*.ports.*',
    apply: withMapping((port) => ({
      ...port,
      ...('mode' in port ? {} : { mode: 'ingress' }),
      ...('protocol' in port ? {} : { protocol: 'tcp' }),
    })),
  },
  ...['services.*.gpus.*', 'services.*.deploy.resources.reservations.devices.*'].map((pattern) => ({
    pattern,
    apply: withMapping((device) =>
      'count' in device || 'device_ids' in device ? device : { ...device, count: -1 },
    ),
  })),
  {
    pattern: 'services.*.volumes.*.bind',
    apply: withMapping((bind) => ('create_host_path' in bind ? bind : { ...bind, create_host_path: true })),
  },
];

const DEFAULTS = compilePathRules(DEFAULT_RULES);

export function setDefaultValues(tree: Record<string, unknown>): Record<string, unknown> {
  return applyPathRules(tree, DEFAULTS, undefined) as Record<string, unknown>;
}

/** Applies a default only to mappings; anything else was reported by an earlier stage. */
function withMapping(apply: (value: Mapping) => Mapping): PathRule<undefined>['apply'] {
  return (value) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? apply(value as Mapping) : value;
}
