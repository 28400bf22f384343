/**
 * Projects the CLI tests write on the fly: a fresh directory under the system's temporary
 * folder, filled from a map of relative path to content, and removed when the test finishes
 * (through the test's own `onTestFinished`, which concurrent tests need).
 * Static projects that docker compose could run as they are live in fixtures/cli/ instead;
 * `fixture(name)` gives their absolute path.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestContext } from 'vitest';
import { REPO_ROOT } from './run-cli.js';

/**
 * Writes `files` into a new directory `<tmp>/<random>/<name>` and returns its real path (the
 * project name docker compose derives from a directory is its base name, so `name` picks it).
 */
export function makeProject(
  test: Pick<TestContext, 'onTestFinished'>,
  files: Readonly<Record<string, string>>,
  name = 'app',
): string {
  const parent = realpathSync(mkdtempSync(join(tmpdir(), 'tscompose-cli-')));
  test.onTestFinished(() => rmSync(parent, { recursive: true, force: true }));
  const root = join(parent, name);
  mkdirSync(root);
  for (const [path, content] of Object.entries(files)) {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return root;
}

/** The absolute path of `fixtures/cli/<name>`. */
export function fixture(name: string): string {
  return join(REPO_ROOT, 'fixtures', 'cli', name);
}
