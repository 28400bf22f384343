/**
 * One fuzz case from its id: the master seed, the mutation family and the index pick the seed
 * project, the file to damage and an optional second mutation. Kept apart from the test so that a
 * failing case can be rebuilt and inspected on its own (see loader-fuzz.test.ts).
 */
import { MUTATION_FAMILIES, type MutationFamily } from './compose-mutations.js';
import { FUZZ_SEEDS, type FuzzSeed } from './fuzz-seeds.js';
import { caseSeed, seededRandom } from './seeded-random.js';

export interface FuzzCase {
  readonly id: string;
  readonly seed: string;
  /** The damaged file, relative to the project directory. */
  readonly file: string;
  readonly extraFamily: MutationFamily | undefined;
  /** The seed's files with the damaged one in place. */
  readonly files: Readonly<Record<string, string>>;
}

export const FAMILIES = Object.keys(MUTATION_FAMILIES) as MutationFamily[];

/** The same master seed, family and index always give the same files. */
export function buildFuzzCase(masterSeed: number, family: MutationFamily, index: number): FuzzCase {
  const random = seededRandom(caseSeed(masterSeed, family, index));
  const seed: FuzzSeed = random.pick(FUZZ_SEEDS);
  // Mostly the main file; sometimes an override, an included file, .env or an env file.
  const file = random.chance(0.7) ? 'compose.yaml' : random.pick(Object.keys(seed.files));
  let text = MUTATION_FAMILIES[family](seed.files[file] ?? '', random);
  // A quarter of the cases get a second, different kind of damage on top.
  const extraFamily = random.chance(0.25) ? random.pick(FAMILIES) : undefined;
  if (extraFamily) text = MUTATION_FAMILIES[extraFamily](text, random);
  return {
    id: `${family}#${index}`,
    seed: seed.name,
    file,
    extraFamily,
    files: { ...seed.files, [file]: text },
  };
}
