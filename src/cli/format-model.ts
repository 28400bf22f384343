/**
 * Writes a rendered model as text the way `docker compose config` does: YAML with two-space
 * indentation and no line folding, or JSON indented by two spaces. Strings that a YAML 1.1 reader
 * would take for a boolean or a sexagesimal number (`yes`, `on`, `1:20`) are double-quoted, as
 * Go's YAML encoder does, so older tools read the output back unchanged.
 */
import { Document, isScalar, Scalar, visit } from 'yaml';

export type OutputFormat = 'yaml' | 'json';

export function formatModel(model: unknown, format: OutputFormat): string {
  if (format === 'json') return `${JSON.stringify(model, null, 2)}\n`;
  return formatYaml(model);
}

export function formatYaml(value: unknown): string {
  const document = new Document(value, { aliasDuplicateObjects: false });
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && needsQuotes(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
    Pair(_key, pair) {
      if (isScalar(pair.key) && typeof pair.key.value === 'string' && needsQuotes(pair.key.value)) {
        pair.key.type = Scalar.QUOTE_DOUBLE;
      }
    },
  });
  return document.toString({ indent: 2, lineWidth: 0, minContentWidth: 0, indentSeq: true });
}

const YAML_1_1_BOOLEANS = new Set(
  ['y', 'yes', 'n', 'no', 'on', 'off', 'true', 'false'].flatMap((word) => [
    word,
    word.toUpperCase(),
    word[0]!.toUpperCase() + word.slice(1),
  ]),
);

function needsQuotes(text: string): boolean {
  return YAML_1_1_BOOLEANS.has(text) || /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(text);
}
