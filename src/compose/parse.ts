/**
 * Stage 1: YAML text to a plain value tree, with a source map and the `!reset` / `!override`
 * marks that the merge stage applies.
 *
 * The YAML library gives us a node tree with offsets; this walk turns it into plain objects,
 * arrays and scalars the later stages can treat as data. On the way it does what Compose's
 * loader does before anything else: every mapping key becomes a string (`true:` is the service
 * "true"), anchors and merge keys (`<<`) are expanded, and `!reset` / `!override` are recorded
 * by path. Alias expansion is bounded, so an alias bomb is a clean error rather than a hang.
 * Each YAML document of a multi-document stream is returned separately: Compose treats them as
 * successive overrides.
 */
import {
  isAlias,
  isNode,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Alias,
  type Document,
  type Node,
  type Scalar,
} from 'yaml';
import { ComposeFileError } from './errors.js';
import { setSourceChild, type SourceNode, type SourcePosition } from './source-map.js';
import type { PathSegment, TreePath } from './tree-path.js';

export interface ParsedDocument {
  readonly file: string;
  /** null for an empty document. */
  readonly tree: unknown;
  readonly source: SourceNode;
  /** Paths tagged `!reset` or `!override`: the merge stage removes them from the base first. */
  readonly resets: readonly TreePath[];
}

/** Compose caps the work that alias expansion may cause; 100k node visits is its default too. */
const MAX_NODE_VISITS = 100_000;

export function parseComposeYaml(file: string, text: string): ParsedDocument[] {
  try {
    return parseDocuments(file, text);
  } catch (error) {
    // The YAML library and the walk recurse once per nesting level; tens of thousands of levels
    // exhaust the stack. That is bad input, not a crash.
    if (!(error instanceof RangeError)) throw error;
    throw new ComposeFileError({ file, message: 'the document is nested too deeply', cause: error });
  }
}

function parseDocuments(file: string, text: string): ParsedDocument[] {
  const lineCounter = new LineCounter();
  // Duplicate keys are found by the walk, which can say where the key was first defined.
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const list = Array.isArray(documents) ? documents : [documents];
  const positionAt = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const parsed: ParsedDocument[] = [];
  for (const document of list) {
    const problem = document.errors[0];
    if (problem) {
      throw new ComposeFileError({
        position: positionAt(problem.pos[0]),
        message: describeYamlError(problem.message),
      });
    }
    const walker = new DocumentWalker(document, positionAt);
    const root = document.contents as Node | null;
    if (root === null) {
      parsed.push({ file, tree: null, source: { position: positionAt(0) }, resets: [] });
      continue;
    }
    const result = walker.walk(root, []);
    parsed.push({
      file,
      tree: result.removed ? null : result.value,
      source: result.source,
      resets: walker.resets,
    });
  }
  return parsed;
}

interface Walked {
  value: unknown;
  source: SourceNode;
  /** true when the node was tagged `!reset`: its value is gone from this document. */
  removed: boolean;
}

class DocumentWalker {
  readonly resets: TreePath[] = [];
  private visits = 0;
  /** Each alias's anchored node, found in one pass (Alias.resolve walks the document each time). */
  private aliasTargets: Map<Alias, Node> | undefined;
  /** Alias targets being expanded right now, to refuse an alias that contains itself. */
  private readonly expanding = new Set<Node>();

  constructor(
    private readonly document: Document,
    private readonly positionAt: (offset: number) => SourcePosition,
  ) {}

  /**
   * `path` is the walk's own stack, changed as it goes: copy it to keep it. `at` is the position
   * to record for the value when it is not the node's own (the key's, or the alias's).
   */
  walk(node: Node, path: PathSegment[], at?: SourcePosition): Walked {
    if (++this.visits > MAX_NODE_VISITS) {
      throw new ComposeFileError({
        position: this.positionOf(node),
        message: `the document expands to more than ${MAX_NODE_VISITS} nodes (an alias bomb?)`,
      });
    }
    if (isAlias(node)) return this.walkAlias(node, path, at);
    const source: SourceNode = { position: at ?? this.positionOf(node) };
    if (node.tag === '!reset') {
      this.resets.push([...path]);
      return { value: null, source, removed: true };
    }
    if (node.tag === '!override') this.resets.push([...path]);
    if (isMap(node)) return { value: this.walkMap(node, path, source), source, removed: false };
    if (isSeq(node)) return { value: this.walkSeq(node, path, source), source, removed: false };
    if (isScalar(node)) return { value: scalarValue(node), source, removed: false };
    return { value: null, source, removed: false };
  }

  private walkAlias(node: Alias, path: PathSegment[], at: SourcePosition | undefined): Walked {
    this.aliasTargets ??= resolveAliases(this.document);
    const target = this.aliasTargets.get(node);
    if (!target) {
      throw new ComposeFileError({
        position: this.positionOf(node),
        message: `unknown anchor "${node.source}" referenced`,
      });
    }
    if (this.expanding.has(target)) {
      throw new ComposeFileError({
        position: this.positionOf(node),
        message: `anchor "${node.source}" refers to itself`,
      });
    }
    this.expanding.add(target);
    try {
      // Errors inside an alias are easier to fix when they point at the use, not the anchor.
      return this.walk(target, path, at ?? this.positionOf(node));
    } finally {
      this.expanding.delete(target);
    }
  }

  private walkMap(node: Node, path: PathSegment[], source: SourceNode): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const merged: Array<[Record<string, unknown>, SourceNode]> = [];
    const firstLines = new Map<string, number>();
    if (!isMap(node)) return out;
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      if (keyNode && isScalar(keyNode) && keyNode.value === '<<' && !keyNode.tag) {
        merged.push(...this.walkMergeKey(pair.value as Node | null, path));
        continue;
      }
      const key = this.keyString(keyNode, path);
      const keyPosition = keyNode ? this.positionOf(keyNode) : undefined;
      const firstLine = firstLines.get(key);
      if (firstLine !== undefined) {
        throw new ComposeFileError({
          position: keyPosition ?? source.position,
          message: `mapping key "${key}" already defined at line ${firstLine}`,
        });
      }
      firstLines.set(key, (keyPosition ?? source.position).line);
      const valueNode = pair.value as Node | null;
      if (valueNode === null) {
        setOwn(out, key, null);
        setSourceChild(source, key, { position: keyPosition ?? source.position });
        continue;
      }
      path.push(key);
      // A key's line is where users look for it, even when the value starts on the next line.
      const walked = this.walk(valueNode, path, keyPosition);
      path.pop();
      if (walked.removed) continue;
      setOwn(out, key, walked.value);
      setSourceChild(source, key, walked.source);
    }
    // Merge keys: explicit keys win, then earlier merge sources win over later ones.
    for (const [mergedMap, mergedSource] of merged) {
      for (const [key, value] of Object.entries(mergedMap)) {
        if (Object.hasOwn(out, key)) continue;
        setOwn(out, key, value);
        setSourceChild(source, key, mergedSource.children?.get(key));
      }
    }
    return out;
  }

  private walkMergeKey(
    value: Node | null,
    path: PathSegment[],
  ): Array<[Record<string, unknown>, SourceNode]> {
    if (value === null) return [];
    // `<<: *list` (an alias of a sequence of mappings) is accepted, as compose-go does.
    const walked = this.walk(value, path);
    const sources: Array<[unknown, SourceNode | undefined]> = Array.isArray(walked.value)
      ? walked.value.map((item, i) => [item, walked.source.children?.get(String(i))])
      : [[walked.value, walked.source]];
    return sources.map(([item, itemSource]) => {
      if (!isPlainObject(item)) {
        throw new ComposeFileError({
          position: itemSource?.position ?? this.positionOf(value),
          message: 'a merge key (<<) must refer to a mapping or a list of mappings',
        });
      }
      return [item, itemSource ?? walked.source];
    });
  }

  private walkSeq(node: Node, path: PathSegment[], source: SourceNode): unknown[] {
    const out: unknown[] = [];
    if (!isSeq(node)) return out;
    node.items.forEach((item, index) => {
      path.push(index);
      const walked = this.walk(item as Node, path);
      path.pop();
      if (walked.removed) return;
      setSourceChild(source, out.length, walked.source);
      out.push(walked.value);
    });
    return out;
  }

  /** Compose's model has string keys only: `123:` or `true:` is an error, as in compose-go. */
  private keyString(keyNode: Node | null, path: readonly PathSegment[]): string {
    const value = keyNode && isScalar(keyNode) ? scalarValue(keyNode) : keyNode;
    if (typeof value === 'string') return value;
    const where = path.length === 0 ? 'at top level' : `in ${goKeyPath(path)}`;
    const shown = isScalar(keyNode) ? String(value) : 'a mapping or a sequence';
    throw new ComposeFileError({
      position: keyNode ? this.positionOf(keyNode) : undefined,
      message: `non-string key ${where}: ${shown}`,
    });
  }

  private positionOf(node: Node): SourcePosition {
    return this.positionAt(node.range?.[0] ?? 0);
  }
}

/** An alias refers to the last node with its anchor before it, in document order. */
function resolveAliases(document: Document): Map<Alias, Node> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node>();
  // The YAML library's `visit` does the same in this order, but far more slowly.
  const visit = (node: unknown): void => {
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target) targets.set(node, target);
      return;
    }
    if (isNode(node) && node.anchor) anchors.set(node.anchor, node);
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items) visit(item);
    } else if (isPair(node)) {
      visit(node.key);
      visit(node.value);
    }
  };
  visit(document.contents);
  return targets;
}

/**
 * A scalar's value as compose-go's YAML library reads it: like YAML 1.2, except that a plain
 * integer with a leading zero is octal (`mode: 0400` is 256), as in Go's own number syntax.
 */
function scalarValue(node: Scalar): unknown {
  const { value } = node;
  if (node.type === 'PLAIN' && typeof node.source === 'string' && /^[-+]?0[0-7]+$/.test(node.source)) {
    return Number.parseInt(node.source, 8);
  }
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** Assigns even a key named `__proto__` as a plain own property (defineProperty is slow). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else target[key] = value;
}

/** compose-go's path spelling in this message: dotted keys, `[i]` for list items. */
function goKeyPath(path: readonly PathSegment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeYamlError(message: string): string {
  // The YAML library appends its own "at line X, column Y" and a code frame; we print our own.
  return message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}
