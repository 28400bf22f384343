/**
 * Test support for the merge stage: runs YAML files through the same steps the loader takes for
 * each document (parse, drop the base's `!reset` / `!override` paths, merge, enforce unicity),
 * so a test reads as compose-go's (base, override, expected) triples.
 */
import { applyResets } from '../../src/compose/apply-resets.js';
import { enforceUnicity } from '../../src/compose/enforce-unicity.js';
import type { LocatedTree } from '../../src/compose/located-tree.js';
import { isMapping } from '../../src/compose/located-value.js';
import { mergeDocuments } from '../../src/compose/merge.js';
import { parseComposeYaml } from '../../src/compose/parse.js';

/** Merges `files` in order; file i is named `file<i>.yaml` in positions. */
export function mergeYamlFiles(...files: string[]): LocatedTree {
  let project: LocatedTree | undefined;
  files.forEach((text, index) => {
    for (const document of parseComposeYaml(`file${index}.yaml`, text)) {
      const next: LocatedTree = {
        tree: isMapping(document.tree) ? document.tree : {},
        source: document.source,
      };
      const merged = project ? mergeDocuments(applyResets(project, document.resets), next) : next;
      project = enforceUnicity(merged);
    }
  });
  if (!project) throw new Error('no document to merge');
  return project;
}

/** The plain value of a YAML text, parsed the way compose files are. */
export function yamlValue(text: string): unknown {
  return parseComposeYaml('expected.yaml', text)[0]?.tree;
}

/** A merge case ported from compose-go: base and override files, and the merged YAML. */
export interface MergeCase {
  name: string;
  base: string;
  override: string;
  expected: string;
}
