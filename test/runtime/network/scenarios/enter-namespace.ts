/**
 * Runs as the unprivileged test user on the host side: makes sure the user's namespaces exist
 * (`ensureNamespaces`, the engine's own code) and runs one network step inside them with nsenter,
 * as the engine itself runs. `stop-namespaces` ends them.
 *
 *   tsx enter-namespace.ts <step> [args…]    prints the step's JSON line
 *   tsx enter-namespace.ts stop-namespaces
 *
 * XDG_RUNTIME_DIR and XDG_DATA_HOME come from the test, so a user's real engine is untouched.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { currentEnginePaths } from '../../../../runtime/host/current-engine-paths.js';
import { ensureNamespaces } from '../../../../runtime/host/ensure-namespaces.js';
import { nsenterArgs } from '../../../../runtime/host/nsenter-args.js';
import { stopNamespaces } from '../../../../runtime/host/stop-namespaces.js';

const paths = currentEnginePaths();
const [step = '', ...args] = process.argv.slice(2);

if (step === 'stop-namespaces') {
  process.stdout.write(`${JSON.stringify({ stopped: await stopNamespaces(paths, 5_000) })}\n`);
} else {
  const { pausePid } = await ensureNamespaces(paths);
  const tsx = join(import.meta.dirname, '..', '..', '..', '..', 'node_modules', '.bin', 'tsx');
  const inside = join(import.meta.dirname, 'network-steps.ts');
  // Inside we are uid 0, and tsx's /tmp/tsx-0 would be the host root's: give it a folder of ours.
  const tmp = join(paths.runtimeDir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const child = spawn('nsenter', [...nsenterArgs(pausePid), tsx, inside, step, ...args], {
    stdio: 'inherit',
    env: { ...process.env, TMPDIR: tmp },
  });
  process.exitCode = await new Promise<number>((resolve) =>
    child.on('exit', (exit, signal) => resolve(exit ?? (signal ? 128 : 1))),
  );
}
