/**
 * The fuzzer's mutations, one family per kind of hostile input a compose file can be. Each takes
 * the text of one file of a valid seed project and a seeded random source, and returns the damaged
 * text. Most work on lines and value positions rather than on a parsed tree, because the input
 * they receive may already be broken by an earlier mutation; `wrong-type` is the one that parses
 * the YAML so that it can swap a value for one of another type and still produce valid YAML,
 * which gets the damage past the parser into validation and normalisation.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { Random } from './seeded-random.js';

export type Mutation = (text: string, random: Random) => string;

export const MUTATION_FAMILIES = {
  truncate: (text, random) => text.slice(0, random.int(0, text.length)),
  'wrong-type': swapValueType,
  'deep-nesting': (text, random) => placeValue(text, random, deeplyNested(random)),
  'alias-bomb': aliasBomb,
  'binary-garbage': binaryGarbage,
  'huge-numbers': (text, random) =>
    random.chance(0.5)
      ? replaceValue(text, random, random.pick(HUGE_NUMBERS))
      : insertIntoService(text, random, `${random.pick(NUMERIC_FIELDS)}: ${random.pick(HUGE_NUMBERS)}`),
  unicode: (text, random) =>
    random.chance(0.5)
      ? insertAt(text, random.int(0, text.length), random.pick(UNICODE))
      : replaceValue(text, random, JSON.stringify(random.pick(UNICODE) + random.pick(UNICODE))),
  'duplicate-keys': duplicateKeys,
  tags: (text, random) => prefixValue(text, random, `${random.pick(TAGS)} `),
  interpolation: (text, random) =>
    random.chance(0.5)
      ? replaceValue(text, random, JSON.stringify(interpolationGarbage(random)))
      : prefixValue(text, random, interpolationGarbage(random)),
  'syntax-noise': syntaxNoise,
  'odd-documents': (text, random) =>
    random.chance(0.7) ? random.pick(ODD_DOCUMENTS) : `${text}\n---\n${random.pick(ODD_DOCUMENTS)}`,
} satisfies Record<string, Mutation>;

export type MutationFamily = keyof typeof MUTATION_FAMILIES;

const HUGE_NUMBERS = [
  '1e309',
  '-1e309',
  '1e-400',
  '99999999999999999999999999999',
  '-99999999999999999999999999999',
  '9007199254740993',
  '0x7fffffffffffffffffffffff',
  '0o77777777777777777777777777',
  '0b' + '1'.repeat(200),
  '.inf',
  '-.inf',
  '.nan',
  '-0',
  '1_000_000',
  '4294967296',
  '65536',
  '-1',
  '"99999999999999999999:80"',
  '"1e400:80"',
  '"0-99999999999999999999:80"',
  '999999999999999999999g',
  '"1e400s"',
  '"9999999999999999999999h"',
  '1' + '0'.repeat(5000),
];

const NUMERIC_FIELDS = [
  'scale',
  'cpus',
  'cpu_shares',
  'mem_limit',
  'memswap_limit',
  'shm_size',
  'pids_limit',
  'oom_score_adj',
  'stop_grace_period',
  'ports',
  'expose',
  'healthcheck: { retries',
  'deploy: { replicas',
  'ulimits: { nofile',
  'blkio_config: { weight',
  'mem_swappiness',
];

const UNICODE = [
  '\ufeff',
  '\u202e',
  '\u200d',
  '\u200b',
  '\u2028',
  '\u2029',
  '\u0085',
  '\ud800',
  '\udfff',
  '\uffff',
  '\ufffe',
  '\u0000',
  '😀',
  '👩‍👩‍👧‍👦',
  'e\u0301\u0301\u0301',
  'ｓｅｒｖｉｃｅｓ：',
  'Ω≈ç√∫',
  '日本語のサービス',
  'ßERVICES',
  '\u00a0',
  '\t',
  '\r',
  '\r\n',
  'İı',
  '\u{10ffff}',
];

const TAGS = [
  '!reset',
  '!override',
  '!!binary',
  '!!str',
  '!!int',
  '!!float',
  '!!bool',
  '!!null',
  '!!map',
  '!!seq',
  '!!set',
  '!!omap',
  '!!pairs',
  '!!timestamp',
  '!!merge',
  '!custom',
  '!<tag:yaml.org,2002:str>',
  '!<!>',
  '!reset []',
  '!override {}',
  '!reset !override',
  '!!binary |\n    R0lGODlhDAAMAIQAAP//9/X',
  '!!binary "not base64 at all ###"',
];

const ODD_DOCUMENTS = [
  '',
  '\n',
  '---\n...\n',
  'null',
  '~',
  '42',
  '[]',
  '- a\n- b',
  '"just a string"',
  'services:',
  'services: 5',
  'services: []',
  'services: {a: null}',
  'services: {a: 5}',
  'services:\n  "": {image: x}',
  'services:\n  "a b/c": {image: x}',
  'version: 3\nservices: {a: {image: x}}',
  'name: "   "\nservices: {a: {image: x}}',
  'name: ${NOPE:?name is required}\nservices: {a: {image: x}}',
  'include: 5',
  'include: [null]',
  'include: [{path: /does/not/exist.yaml}]',
  'include: [compose.yaml]',
  'services: {a: {extends: a}}',
  'services: {a: {extends: {service: b}}, b: {extends: a}}',
  'services: {a: {extends: {file: missing.yaml, service: x}}}',
  'services: {a: {image: x, depends_on: [a]}}',
  'services: {a: {image: x, depends_on: [b]}, b: {image: x, depends_on: [a]}}',
  'services: {a: {image: x, network_mode: "service:a"}}',
  'services: {a: {image: x, networks: [missing]}}',
  'services: {a: {image: x, volumes_from: [a]}}',
  'services: {a: {image: x, env_file: [/nope.env]}}',
  'services: {a: {build: {context: "https://example.com/repo.git#main"}}}',
  'services: {a: {image: x, secrets: [nope]}}',
  'x-: 5\nservices: {a: {image: x}}',
  '---\n'.repeat(2000),
  'services: {a: {image: x}}\n---\nservices: {a: {image: y}}\n---\nservices: !reset {}',
  '? [a, b]\n: c',
  '? {a: b}\n: c\nservices: {}',
  '<<: {services: {a: {image: x}}}',
  'services: &s {a: {image: x, labels: *s}}',
  '&a [*a]',
  'services: {a: {image: x, ports: ["-1:80", "80:-1", "::::", "[::1]:80:80"]}}',
];

function swapValueType(text: string, random: Random): string {
  const document = parseDocument(text, { uniqueKeys: false });
  if (document.errors.length > 0 || document.contents === null) {
    return replaceValue(text, random, random.pick(REPLACEMENT_VALUES));
  }
  const holders: Array<{ set: (value: unknown) => void }> = [];
  collectHolders(document.contents as Node, holders, 0);
  if (holders.length === 0) return text;
  const value = random.pick(REPLACEMENT_VALUES);
  random.pick(holders).set(document.createNode(parseDocument(value).toJS()));
  return document.toString();
}

/** Something of every JSON/YAML type, and values of the right type but the wrong shape. */
const REPLACEMENT_VALUES = [
  '0',
  '-7',
  '3.5',
  'true',
  'false',
  'null',
  '""',
  '"text"',
  '[]',
  '{}',
  '[1, 2]',
  '[null]',
  '[[]]',
  '[{}]',
  '{a: 1}',
  '{a: [1]}',
  '{"": ""}',
  '{image: x}',
  '[a, {b: c}]',
  '"80:80"',
  '"1h2m3s"',
  '"./relative/path"',
  '"/abs/path:/target:rw"',
  '"service:x"',
  '{condition: sometimes}',
];

/**
 * Every place in the tree that holds a value: map values and sequence items. A value that
 * defines an anchor is not replaced (its aliases would dangle and the output would not be YAML),
 * but what is inside it may be.
 */
function collectHolders(node: Node, holders: Array<{ set: (value: unknown) => void }>, depth: number): void {
  if (depth > 50) return;
  const consider = (value: unknown, set: (value: unknown) => void) => {
    if (!definesAnchor(value)) holders.push({ set });
    if (isMap(value) || isSeq(value)) collectHolders(value, holders, depth + 1);
  };
  if (isMap(node)) {
    for (const pair of node.items) consider(pair.value, (value) => (pair.value = value));
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => consider(item, (value) => (node.items[index] = value)));
  }
}

function definesAnchor(value: unknown): boolean {
  if (!isMap(value) && !isSeq(value) && !isScalar(value)) return false;
  if (value.anchor) return true;
  if (isMap(value)) return value.items.some((pair) => definesAnchor(pair.key) || definesAnchor(pair.value));
  if (isSeq(value)) return value.items.some(definesAnchor);
  return false;
}

function deeplyNested(random: Random): string {
  // 10k levels is far past any real file and past what a naive recursive walk survives; deeper
  // inputs only measure the YAML library's own parser.
  const depth = random.pick([64, 1_000, 10_000]);
  switch (random.int(0, 4)) {
    case 0:
      return '['.repeat(depth) + ']'.repeat(depth);
    case 1:
      return '{a: '.repeat(depth) + 'x' + '}'.repeat(depth);
    case 2:
      // Block sequences nest on one line: `- - - x`.
      return '\n' + '- '.repeat(depth) + 'x';
    case 3:
      return '[' + '{a: ['.repeat(depth / 2) + ']}'.repeat(depth / 2) + ']';
    default: {
      // Indented block mappings grow quadratically in size, so they stay shallower.
      const levels = Math.min(depth, 600);
      return Array.from({ length: levels }, (_, i) => `\n${' '.repeat(i + 1)}k${i}:`).join('') + ' leaf';
    }
  }
}

function aliasBomb(text: string, random: Random): string {
  const levels = random.int(3, 12);
  const width = random.int(2, 10);
  const asMappings = random.chance(0.4);
  const lines: string[] = [];
  for (let level = 0; level < levels; level++) {
    const items = Array.from({ length: width }, () => (level === 0 ? '"lol"' : `*l${level - 1}`));
    const body = asMappings
      ? `{${items.map((item, i) => `k${i}: ${item}`).join(', ')}}`
      : `[${items.join(', ')}]`;
    lines.push(`x-l${level}: &l${level} ${body}`);
  }
  const bomb = lines.join('\n');
  const top = `*l${levels - 1}`;
  switch (random.int(0, 3)) {
    case 0:
      // Declared but never used by a service: only the parser sees it.
      return `${bomb}\n${text}`;
    case 1:
      return placeValue(`${bomb}\n${text}`, random, top);
    case 2:
      return `${bomb}\nservices:\n  bomb:\n    image: x\n    labels: ${top}\n    environment:\n      <<: ${top}\n`;
    default:
      return `${bomb}\nservices:\n  bomb:\n    image: x\n    command: ${top}\n    extends: ${top}\n`;
  }
}

function binaryGarbage(text: string, random: Random): string {
  const length = random.int(1, 4096);
  let garbage = '';
  for (let i = 0; i < length; i++) {
    garbage += String.fromCharCode(random.chance(0.9) ? random.int(0, 255) : random.int(0, 0xffff));
  }
  switch (random.int(0, 2)) {
    case 0:
      return garbage;
    case 1:
      return insertAt(text, random.int(0, text.length), garbage);
    default:
      return text + garbage;
  }
}

function duplicateKeys(text: string, random: Random): string {
  const lines = text.split('\n');
  const keyed = lines.flatMap((line, index) => (/^\s*[\w.-]+:/.test(line) ? [index] : []));
  if (keyed.length === 0) return `${text}\nservices: {}\nservices: {}`;
  const index = random.pick(keyed);
  const line = lines[index] ?? '';
  if (random.chance(0.5) || !/:\s*$/.test(line)) {
    // The same key twice in a row, with the same or another value.
    lines.splice(index + 1, 0, random.chance(0.5) ? line : line.replace(/:.*$/, ': other'));
    return lines.join('\n');
  }
  // A whole block repeated: the key and everything indented under it.
  const indent = line.length - line.trimStart().length;
  let end = index + 1;
  while (end < lines.length && indentOf(lines[end] ?? '') > indent) end++;
  lines.splice(end, 0, ...lines.slice(index, end));
  return lines.join('\n');
}

function interpolationGarbage(random: Random): string {
  const depth = random.pick([3, 100, 5_000]);
  return random.pick([
    '${',
    '${FOO',
    '$${FOO}',
    '${FOO:?boom}',
    '${FOO?}',
    '${FOO:?}',
    '${:-x}',
    '${-x}',
    '${FOO:-${BAR:-${BAZ:-x}}}',
    '${FOO-}',
    '${FOO:+x}',
    '${FOO+${BAR?bar missing}}',
    '$',
    '$$$',
    '${1abc}',
    '${FOO BAR}',
    '${FOO^^}',
    '${!FOO}',
    '${#FOO}',
    '${FOO//a/b}',
    '$FOO_$BAR$',
    '${FOO:-}}}',
    '${{}}',
    '${FOO:-\n}',
    '${'.repeat(depth),
    '${A:-'.repeat(depth) + 'x' + '}'.repeat(depth),
    '$'.repeat(depth),
    '${HOME}${HOME}'.repeat(depth),
  ]);
}

function syntaxNoise(text: string, random: Random): string {
  let out = text;
  const edits = random.int(1, 5);
  for (let i = 0; i < edits; i++) {
    const lines = out.split('\n');
    const index = random.int(0, Math.max(0, lines.length - 1));
    switch (random.int(0, 5)) {
      case 0:
        out = insertAt(out, random.int(0, out.length), random.pick(YAML_SPECIALS));
        break;
      case 1:
        lines.splice(index, 1);
        out = lines.join('\n');
        break;
      case 2: {
        const other = random.int(0, Math.max(0, lines.length - 1));
        [lines[index], lines[other]] = [lines[other] ?? '', lines[index] ?? ''];
        out = lines.join('\n');
        break;
      }
      case 3:
        lines[index] = random.chance(0.5)
          ? ' '.repeat(random.int(1, 3)) + (lines[index] ?? '')
          : (lines[index] ?? '').replace(/^ {1,3}/, '');
        out = lines.join('\n');
        break;
      case 4:
        lines.splice(
          index,
          0,
          random.pick(['---', '...', '%YAML 1.1', '%TAG ! tag:x,2000:', '? ', '\t', '#']),
        );
        out = lines.join('\n');
        break;
      default:
        out = insertAt(
          out,
          random.int(0, out.length),
          random.pick(['{[}]', '[{]}', '"', "'", '|\n', '>-\n']),
        );
    }
  }
  return out;
}

const YAML_SPECIALS = [
  ':',
  '-',
  '&',
  '*',
  '!',
  '|',
  '>',
  '{',
  '}',
  '[',
  ']',
  '#',
  '"',
  "'",
  '%',
  '@',
  '`',
  ',',
  '?',
  '\t',
  '\n',
];

/** Replaces the value on a random `key: value` or `- value` line. */
function replaceValue(text: string, random: Random, value: string): string {
  return editValueLine(text, random, (prefix) => `${prefix}${value}`);
}

/** Puts `prefix` (a tag, a template) in front of the value on a random line. */
function prefixValue(text: string, random: Random, prefix: string): string {
  return editValueLine(text, random, (linePrefix, value) => `${linePrefix}${prefix}${value}`);
}

/** A value somewhere: in place of an existing one, or under a new extension key. */
function placeValue(text: string, random: Random, value: string): string {
  return random.chance(0.6) ? replaceValue(text, random, value) : `x-fuzz: ${value}\n${text}`;
}

function editValueLine(
  text: string,
  random: Random,
  edit: (prefix: string, value: string) => string,
): string {
  const lines = text.split('\n');
  const candidates = lines.flatMap((line, index) => (VALUE_LINE.test(line) ? [index] : []));
  if (candidates.length === 0) return edit('', text);
  const index = random.pick(candidates);
  const match = VALUE_LINE.exec(lines[index] ?? '');
  lines[index] = edit(match?.[1] ?? '', match?.[2] ?? '');
  return lines.join('\n');
}

/** `  key: value`, `  - value`, `  - key: value`: group 1 is everything before the value. */
const VALUE_LINE = /^(\s*(?:-\s+)?(?:[^\s#:'"-][^:#]*:\s+)?)(\S.*)$/;

/** Adds a field to a random service block (the seeds indent by two spaces). */
function insertIntoService(text: string, random: Random, field: string): string {
  const lines = text.split('\n');
  const services = lines.indexOf('services:');
  const headers = lines.flatMap((line, index) =>
    index > services && /^ {2}[^\s#][^:]*:\s*$/.test(line) ? [index] : [],
  );
  if (services === -1 || headers.length === 0)
    return `${text}\nservices:\n  fuzz:\n    ${closeBraces(field)}\n`;
  lines.splice(random.pick(headers) + 1, 0, `    ${closeBraces(field)}`);
  return lines.join('\n');
}

/** `healthcheck: { retries: 1e309` needs its closing brace. */
function closeBraces(field: string): string {
  const open = (field.match(/\{/g) ?? []).length;
  return field + ' }'.repeat(open);
}

function insertAt(text: string, offset: number, insert: string): string {
  return text.slice(0, offset) + insert + text.slice(offset);
}

function indentOf(line: string): number {
  return line.trim() === '' ? Number.POSITIVE_INFINITY : line.length - line.trimStart().length;
}
