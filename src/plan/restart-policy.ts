/**
 * `restart` and `deploy.restart_policy` as the Engine API's RestartPolicy; the deploy form wins
 * when both are set, and swarm's words map to the engine's (`none` → `no`, `any` → `always`), as
 * docker compose's getRestartPolicy does.
 */
import type { ServiceConfig } from '../compose/project.js';
import type { RestartPolicy, RestartPolicyName } from '../../runtime/api/engine-types.js';

interface DeployRestartPolicy {
  condition?: string;
  max_attempts?: number;
}

export function restartPolicy(service: ServiceConfig): RestartPolicy | undefined {
  const deployPolicy = (service.deploy as { restart_policy?: DeployRestartPolicy } | undefined)
    ?.restart_policy;
  if (deployPolicy) {
    return {
      Name: engineName(deployPolicy.condition ?? ''),
      MaximumRetryCount: deployPolicy.max_attempts ?? 0,
    };
  }
  if (!service.restart) return undefined;
  const [name = '', attempts] = service.restart.split(':');
  return { Name: engineName(name), MaximumRetryCount: attempts ? Number.parseInt(attempts, 10) || 0 : 0 };
}

function engineName(condition: string): RestartPolicyName {
  switch (condition) {
    case 'none':
    case 'no':
      return 'no';
    case 'any':
    case 'always':
      return 'always';
    case 'on-failure':
      return 'on-failure';
    case 'unless-stopped':
      return 'unless-stopped';
    default:
      // The schema admits only the words above; an unknown one reaches the engine as typed.
      return condition as RestartPolicyName;
  }
}
