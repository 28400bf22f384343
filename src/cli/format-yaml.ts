/**
 * YAML text exactly as docker compose writes it. Compose marshals with Go's YAML library
 * (go.yaml.in/yaml/v4, indent 2), whose choices are visible to users who diff `config` output:
 * - map keys in Go's natural order (digit runs compared as numbers, `web9` before `web10`);
 * - a string that would read back as another type (`8080`, `1_000`, `true`, `2024-01-01`, ``)
 *   is double-quoted; YAML 1.1 booleans (`yes`, `on`), base-60 numbers and `<<` single-quoted;
 *   text that cannot be plain is single-quoted, or double-quoted when it holds a tab or a
 *   control character; multi-line text is a literal block;
 * - plain and single-quoted text is folded at the first space past column 80.
 * The model is plain data (maps, lists, strings, numbers, booleans, null), so this writer covers
 * only that; it is small enough to follow those rules to the letter.
 */
const BEST_WIDTH = 80;

/** docker compose's encoder indents by 2 (SetIndent(2)); yaml.Marshal's default is 4. */
export interface YamlOptions {
  readonly indent?: 2 | 4;
}

export function formatYaml(value: unknown, options: YamlOptions = {}): string {
  return new YamlWriter(options.indent ?? 2).document(value);
}

class YamlWriter {
  private readonly lines: string[] = [];

  constructor(private readonly step: number) {}

  document(value: unknown): string {
    if (isMap(value) && Object.keys(value).length > 0) this.map(value, 0);
    else if (Array.isArray(value) && value.length > 0) this.seq(value, 0);
    else this.lines.push(inlineScalar(value, 0, 0));
    return `${this.lines.join('\n')}\n`;
  }

  private map(map: Record<string, unknown>, indent: number, firstPrefix?: string): void {
    Object.keys(map).forEach((key, i) => {
      const prefix = i === 0 && firstPrefix !== undefined ? firstPrefix : ' '.repeat(indent);
      this.entry(`${prefix}${scalarText(key, indent, prefix.length)}:`, map[key], indent);
    });
  }

  private seq(list: readonly unknown[], indent: number): void {
    const dash = `${' '.repeat(indent)}-`;
    for (const item of list) {
      if (isMap(item) && Object.keys(item).length > 0) this.map(item, indent + this.step, `${dash} `);
      else if (Array.isArray(item) && item.length > 0) {
        this.lines.push(dash);
        this.seq(item, indent + this.step);
      } else this.scalarAfter(dash, item, indent + this.step);
    }
  }

  /** `head` is `key:`; the value goes on the same line when it is inline, else below it. */
  private entry(head: string, value: unknown, indent: number): void {
    if (isMap(value) && Object.keys(value).length > 0) {
      this.lines.push(head);
      this.map(value, indent + this.step);
    } else if (Array.isArray(value) && value.length > 0) {
      this.lines.push(head);
      this.seq(value, indent + this.step);
    } else this.scalarAfter(head, value, indent + this.step);
  }

  /** A scalar after `key:` or `-`; `blockIndent` is where its continuation lines start. */
  private scalarAfter(head: string, value: unknown, blockIndent: number): void {
    if (typeof value === 'string' && value.includes('\n') && literalAllowed(value)) {
      this.lines.push(`${head} ${literalHeader(value, this.step)}`);
      const body = value.endsWith('\n') ? value.slice(0, -1) : value;
      for (const line of body.split('\n'))
        this.lines.push(line === '' ? '' : `${' '.repeat(blockIndent)}${line}`);
      return;
    }
    this.lines.push(`${head} ${inlineScalar(value, blockIndent, head.length + 1)}`);
  }
}

function inlineScalar(value: unknown, blockIndent: number, column: number): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return '[]';
  if (isMap(value)) return '{}';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return String(value);
  return scalarText(String(value), blockIndent, column);
}

/** Go's strconv 'g' formatting with the shortest precision, as the YAML encoder uses. */
function formatNumber(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  const text = String(value);
  return text.includes('e') ? text.replace(/e([+-])(\d)$/, 'e$10$2') : text;
}

function scalarText(text: string, blockIndent: number, column: number): string {
  const style = scalarStyle(text);
  if (style === 'double') return doubleQuoted(text);
  if (style === 'single') return fold(`'${text.replace(/'/g, "''")}'`, blockIndent, column);
  return fold(text, blockIndent, column);
}

type Style = 'plain' | 'single' | 'double';

function scalarStyle(text: string): Style {
  if (resolvesToAnotherType(text)) return 'double';
  if (/[^\n\x20-\x7e\u0085\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u.test(text)) return 'double';
  if (isOldBool(text) || isBase60Float(text) || text === '<<') return 'single';
  return plainAllowed(text) ? 'plain' : 'single';
}

/** What libyaml's emitter accepts as a plain scalar in block context. */
function plainAllowed(text: string): boolean {
  if (text === '' || text.includes('\n')) return false;
  if (/^\s|\s$/.test(text)) return false;
  if (text.startsWith('---') || text.startsWith('...')) return false;
  if (/^[#,[\]{}&*!|>'"%@`]/.test(text)) return false;
  if (/^[-?:](\s|$)/.test(text)) return false;
  if (/:(\s|$)/.test(text) || /\s#/.test(text)) return false;
  return true;
}

function literalAllowed(text: string): boolean {
  // libyaml refuses a block scalar with a space before a line break or control characters.
  return (
    !/ \n/.test(text) && !/[^\n\x20-\x7e\u0085\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u.test(text)
  );
}

function literalHeader(text: string, step: number): string {
  const indicator = text.startsWith(' ') || text.startsWith('\n') ? String(step) : '';
  const chomp = !text.endsWith('\n') ? '-' : text.endsWith('\n\n') ? '+' : '';
  return `|${indicator}${chomp}`;
}

/**
 * libyaml's write_plain / write_single_quoted with breaks allowed: at a single space, once the
 * line is past the preferred width, the space becomes a line break and the text continues at the
 * block's indentation.
 */
function fold(text: string, blockIndent: number, column: number): string {
  let out = '';
  let col = column;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === ' ' && col > BEST_WIDTH && text[i + 1] !== ' ' && text[i - 1] !== ' ' && i > 0) {
      out += `\n${' '.repeat(blockIndent)}`;
      col = blockIndent;
      continue;
    }
    out += ch;
    col += 1;
  }
  return out;
}

function doubleQuoted(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (code === 0) out += '\\0';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0').toUpperCase()}`;
    else if (code === 0xfeff) out += '\\uFEFF';
    else out += ch;
  }
  return `${out}"`;
}

/** Go's YAML resolver: would this plain text read back as null, a boolean, a number or a date? */
function resolvesToAnotherType(text: string): boolean {
  if (['', '~', 'null', 'Null', 'NULL'].includes(text)) return true;
  if (['true', 'True', 'TRUE', 'false', 'False', 'FALSE'].includes(text)) return true;
  if (/^[-+]?\.(inf|Inf|INF)$/.test(text) || /^\.(nan|NaN|NAN)$/.test(text)) return true;
  if (!/^[-+0-9.]/.test(text)) return false;
  const plain = text.replace(/_/g, '');
  if (/^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|[0-9]+)$/.test(plain)) return true;
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return true;
  return /^\d{4}-\d{1,2}-\d{1,2}(?:[Tt ]\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d+)?(?:Z|[-+]\d{1,2}(?::\d{2})?)?)?$/.test(
    text,
  );
}

const OLD_BOOLS = new Set(
  ['y', 'yes', 'n', 'no', 'on', 'off'].flatMap((w) => [w, w.toUpperCase(), w[0]!.toUpperCase() + w.slice(1)]),
);

function isOldBool(text: string): boolean {
  return OLD_BOOLS.has(text);
}

function isBase60Float(text: string): boolean {
  return /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(text);
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
