/**
 * The loader on hostile input: a seeded fuzzer feeds it mutated compose projects (truncated,
 * wrong types, 50k-deep nesting, alias bombs, binary garbage, huge numbers, odd unicode,
 * duplicate keys, stray tags, broken interpolation, YAML noise, odd documents) on an in-memory
 * file system. Every case must end in a project or in a ComposeFileError / ComposeErrors whose
 * message carries no stack trace, and within a second. A bad file must never surface as a
 * crash, a hang or an internal error, because `tscompose config` is what users run to find out
 * what is wrong with their file.
 *
 * The cases are deterministic: FUZZ_SEED (default below) and the case id (`family#index`) give
 * the same input on every machine. FUZZ_CASES sets the cases per family. Offenders are collected
 * and reported together, each with what it takes to replay it.
 */
import { describe, expect, it } from 'vitest';
import { ComposeErrors, ComposeFileError } from '../../src/compose/errors.js';
import { memoryFileSystem } from '../../src/compose/file-system.js';
import { loadProject } from '../../src/compose/load-project.js';
import { buildFuzzCase, FAMILIES, type FuzzCase } from './build-fuzz-case.js';
import { FUZZ_SEEDS } from './fuzz-seeds.js';

const MASTER_SEED = Number(process.env.FUZZ_SEED ?? 20_240_611);
/** 12 families x 170 = 2,040 cases. */
const CASES_PER_FAMILY = Number(process.env.FUZZ_CASES ?? 170);
const CASE_BUDGET_MS = 1_000;
const PROJECT_DIR = '/project';
const ENVIRONMENT = { HOME: '/home/user', TAG: '9.9', USER: 'fuzz' };

type Outcome =
  | { readonly kind: 'project' }
  | { readonly kind: 'compose-error' }
  | { readonly kind: 'offence'; readonly why: string };

describe('the loader on mutated compose files', () => {
  it.each(FUZZ_SEEDS)('seed $name loads cleanly before it is mutated', (seed) => {
    expect(() => load(inMemory(seed.files))).not.toThrow();
  });

  it.each(FAMILIES)(
    '%s: every case ends in a project or a ComposeFileError, within a second',
    (family) => {
      const offenders: string[] = [];
      const slow: string[] = [];
      const tally = { project: 0, 'compose-error': 0 };
      for (let index = 0; index < CASES_PER_FAMILY; index++) {
        const fuzzCase = buildFuzzCase(MASTER_SEED, family, index);
        const start = performance.now();
        const outcome = runCase(fuzzCase);
        const elapsed = performance.now() - start;
        if (outcome.kind === 'offence') offenders.push(`${describeCase(fuzzCase)}: ${outcome.why}`);
        else tally[outcome.kind]++;
        if (elapsed > CASE_BUDGET_MS) slow.push(`${describeCase(fuzzCase)}: ${elapsed.toFixed(0)} ms`);
      }
      expect(
        offenders,
        `offending cases (loaded ${tally.project}, refused ${tally['compose-error']})`,
      ).toEqual([]);
      expect(slow, `cases over ${CASE_BUDGET_MS} ms`).toEqual([]);
    },
    300_000,
  );
});

function runCase(fuzzCase: FuzzCase): Outcome {
  try {
    const loaded = load(inMemory(fuzzCase.files));
    // The CLI prints the project; a model that cannot be serialised is a crash waiting there.
    JSON.stringify(loaded.project);
    return { kind: 'project' };
  } catch (error) {
    return judgeError(error);
  }
}

function judgeError(error: unknown): Outcome {
  const inner = error instanceof ComposeErrors ? error.errors : [error];
  for (const problem of inner) {
    if (!(problem instanceof ComposeFileError)) {
      const name = problem instanceof Error ? problem.name : typeof problem;
      const message = problem instanceof Error ? problem.message : String(problem);
      return { kind: 'offence', why: `${name}: ${firstLine(message)}` };
    }
    if (STACK_FRAME.test(problem.message) || problem.message.trim() === '') {
      return {
        kind: 'offence',
        why: `stack trace or empty message: ${JSON.stringify(problem.message.slice(0, 300))}`,
      };
    }
  }
  return { kind: 'compose-error' };
}

/** A V8 stack frame line: `    at fn (file.js:1:2)` or `    at file.js:1:2`. */
const STACK_FRAME = /^\s+at .*(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$/m;

function load(files: Readonly<Record<string, string>>) {
  return loadProject({ workingDir: PROJECT_DIR, environment: ENVIRONMENT }, memoryFileSystem(files));
}

function inMemory(files: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([path, text]) => [`${PROJECT_DIR}/${path}`, text]));
}

function describeCase(fuzzCase: FuzzCase): string {
  const extra = fuzzCase.extraFamily ? ` + ${fuzzCase.extraFamily}` : '';
  return `FUZZ_SEED=${MASTER_SEED} ${fuzzCase.id}${extra} (${fuzzCase.seed}, ${fuzzCase.file})`;
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
