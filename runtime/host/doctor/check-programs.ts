/**
 * Is every program the engine runs installed? A missing needed one fails, a missing fallback
 * (fuse-overlayfs) only warns while native overlay works. Pure: which programs were found comes in.
 * The fix installs every missing package in one apt-get call.
 */
import type { RequiredProgram } from '../required-programs.js';
import type { CheckResult } from './check-result.js';

export interface ProgramFacts {
  readonly programs: readonly RequiredProgram[];
  /** Absolute path per program name; absent when not found. */
  readonly found: Readonly<Record<string, string | undefined>>;
  /** Whether native overlay mounted: then fuse-overlayfs is not needed. */
  readonly nativeOverlay: boolean;
}

const NAME = 'programs';

export function checkPrograms(facts: ProgramFacts): CheckResult {
  const missing = facts.programs.filter((program) => facts.found[program.name] === undefined);
  if (missing.length === 0) {
    return { name: NAME, status: 'ok', detail: `all ${facts.programs.length} found` };
  }
  const fix = `sudo apt-get install -y ${[...new Set(missing.map((program) => program.debianPackage))].join(' ')}`;
  const blocking = missing.filter((program) => program.need === 'needed' || !facts.nativeOverlay);
  const list = missing.map((program) => `${program.name} (${program.why})`).join(', ');
  return { name: NAME, status: blocking.length > 0 ? 'fail' : 'warn', detail: `missing: ${list}`, fix };
}
