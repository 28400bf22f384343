/**
 * Which cgroup layout the host has, and so which OCI runtime the engine will use (see
 * choose-oci-runtime.ts). Fails when none is installed, warns when TSCOMPOSE_RUNTIME forces one
 * that this layout makes fail. Pure.
 */
import { chooseOciRuntime, describeMode, type OciRuntimeFacts } from '../choose-oci-runtime.js';
import type { CheckResult } from './check-result.js';

const NAME = 'cgroups and OCI runtime';

export function checkOciRuntime(facts: OciRuntimeFacts): CheckResult {
  const choice = chooseOciRuntime(facts);
  const mode = describeMode(facts.mode);
  if (choice.kind === 'none')
    return { name: NAME, status: 'fail', detail: `${mode}: ${choice.message}`, fix: choice.fix };
  if (choice.warning !== undefined) {
    return {
      name: NAME,
      status: 'warn',
      detail: `${mode}: ${choice.reason}; ${choice.warning}`,
      fix: 'unset TSCOMPOSE_RUNTIME',
    };
  }
  return { name: NAME, status: 'ok', detail: `${mode}: ${choice.runtime}` };
}
