/**
 * Runs every case of the conformance suite (see README.md beside this file) through the real
 * loader on an in-memory file system and compares what `config --format json` would print.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ComposeErrors, ComposeFileError } from '../../src/compose/errors.js';
import { memoryFileSystem } from '../../src/compose/file-system.js';
import { loadProject, type LoadedProject } from '../../src/compose/load-project.js';
import type { LoadOptions } from '../../src/compose/load-options.js';
import { renderModel } from '../../src/compose/render-model.js';

const PROJECT_DIR = '/project';

interface ConformanceCase {
  name: string;
  from?: string;
  compose?: string;
  files?: Record<string, string>;
  env?: Record<string, string>;
  options?: Partial<Omit<LoadOptions, 'environment'>> & { workingDir?: string };
  expect?: Record<string, unknown>;
  absent?: string[];
  error?: string | { message?: string; at?: string; path?: string };
  warnings?: string[];
}

const here = import.meta.dirname;
const caseFiles = listYamlFiles(here);

describe.each(caseFiles.map((file) => ({ file: relative(here, file), path: file })))('$file', ({ path }) => {
  const cases = parse(readFileSync(path, 'utf8')) as ConformanceCase[];
  it.each(cases.map((c) => ({ ...c, title: c.name })))('$title', (testCase) => {
    const outcome = run(testCase);
    if (testCase.error !== undefined) {
      expectError(outcome, testCase.error);
      return;
    }
    if (outcome.kind === 'error') throw outcome.error;
    const model = renderedModel(outcome.loaded, testCase);
    if (testCase.expect) expect(model).toMatchObject(testCase.expect);
    for (const dotted of testCase.absent ?? []) expect(valueAt(model, dotted), dotted).toBeUndefined();
    for (const warning of testCase.warnings ?? []) {
      expect(outcome.loaded.warnings.join('\n')).toContain(warning);
    }
  });
});

type Outcome = { kind: 'loaded'; loaded: LoadedProject } | { kind: 'error'; error: unknown };

function run(testCase: ConformanceCase): Outcome {
  const files: Record<string, string> = {};
  if (testCase.compose !== undefined) files[join(PROJECT_DIR, 'compose.yaml')] = testCase.compose;
  for (const [name, content] of Object.entries(testCase.files ?? {}))
    files[join(PROJECT_DIR, name)] = content;
  const { workingDir, ...options } = testCase.options ?? {};
  try {
    const loaded = loadProject(
      {
        ...options,
        workingDir: join(PROJECT_DIR, workingDir ?? ''),
        environment: testCase.env ?? {},
      },
      memoryFileSystem(files),
    );
    return { kind: 'loaded', loaded };
  } catch (error) {
    return { kind: 'error', error };
  }
}

function renderedModel(loaded: LoadedProject, testCase: ConformanceCase): Record<string, unknown> {
  if (testCase.options?.interpolate === false) return loaded.model;
  return JSON.parse(
    JSON.stringify(renderModel(loaded.project as unknown as Record<string, unknown>, 'json')),
  );
}

function expectError(outcome: Outcome, expected: NonNullable<ConformanceCase['error']>): void {
  if (outcome.kind === 'loaded') {
    throw new Error(`expected an error, but the project loaded: ${JSON.stringify(outcome.loaded.project)}`);
  }
  const { error } = outcome;
  const errors =
    error instanceof ComposeErrors ? error.errors : error instanceof ComposeFileError ? [error] : undefined;
  if (!errors) throw error;
  const want = typeof expected === 'string' ? { message: expected } : expected;
  const match =
    errors.find((e) => want.message === undefined || e.message.includes(want.message)) ?? errors[0]!;
  if (want.message !== undefined) expect(errors.map((e) => e.message).join('\n')).toContain(want.message);
  if (want.at !== undefined) {
    expect(`${relative(PROJECT_DIR, match.file ?? '')}:${match.line}:${match.column}`).toBe(want.at);
  }
  if (want.path !== undefined) expect(match.message).toContain(`${want.path}:`);
}

function valueAt(model: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((value, key) => {
    if (typeof value !== 'object' || value === null) return undefined;
    return (value as Record<string, unknown>)[key];
  }, model);
}

function listYamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return listYamlFiles(path);
      return entry.name.endsWith('.yaml') ? [path] : [];
    })
    .sort();
}
