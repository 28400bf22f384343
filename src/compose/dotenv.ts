/**
 * Env files in Compose's dialect (compose-go's `dotenv` package), and in the `raw` dialect that
 * `env_file: {format: raw}` selects (docker/cli's `kvfile`, the `docker run --env-file` rules).
 *
 * The Compose dialect is not a shell: `KEY=value`, `KEY: value`, `export KEY=value`; values
 * unquoted (cut at ` #`, trimmed), single-quoted (literal, may span lines) or double-quoted
 * (shell escapes, may span lines); `${VAR}` substituted in unquoted and double-quoted values;
 * a bare `KEY` takes the caller's value or is left out. compose-go's quirks are kept on purpose,
 * because projects rely on them: a key may contain `.`, `-`, `[`, `]` and any Unicode letter,
 * a last line `KEY` with no newline is read as a value for the empty key, and anything after a
 * closing quote is read as the next statement.
 *
 * This module parses text. Which files are read, in which order and with which variables in
 * scope is `environment.ts`'s job (the project environment) and `service-environment.ts`'s
 * (a service's `env_file`).
 */
import { ComposeFileError } from './errors.js';
import type { SourcePosition } from './source-map.js';
import { InvalidTemplateError, MissingRequiredError, substitute } from './template.js';

/**
 * A variable's value as the caller sees it, or undefined when it is not set. `parsed` holds what
 * the file has set so far (over `base`), for callers that, like compose-go's `GetEnvFromFile`,
 * let a bare `KEY` line pick up an earlier definition.
 */
export type EnvLookup = (name: string, parsed: ReadonlyMap<string, string>) => string | undefined;

export interface EnvFileSource {
  /** The file the text came from (absolute); errors name it. */
  readonly file: string;
  /** Consulted first for `${VAR}` and for bare `KEY` lines. Default: nothing is set. */
  readonly lookup?: EnvLookup;
  /**
   * Variables the file is read on top of, as compose-go reads several files into one map:
   * `${VAR}` falls back to them after `lookup`, and the file's own keys replace them.
   */
  readonly base?: Readonly<Record<string, string>>;
}

export interface DotenvResult {
  /** `base` with the file's variables on top. */
  readonly values: Record<string, string>;
  /** As docker compose prints them: `The "FOO" variable is not set. Defaulting to a blank string.` */
  readonly warnings: readonly string[];
}

/** Parses an env file in Compose's dialect; the variables it sets, over `source.base`. */
export function parseDotenv(text: string, source: EnvFileSource): Record<string, string> {
  return readDotenv(text, source).values;
}

/** `parseDotenv`, with the warnings about unset variables that docker compose prints. */
export function readDotenv(text: string, source: EnvFileSource): DotenvResult {
  const parser = new DotenvParser(stripByteOrderMark(text), source);
  parser.parse();
  return { values: Object.fromEntries(parser.values), warnings: parser.warnings };
}

/**
 * Parses an env file in the `raw` dialect: one `KEY=VALUE` per line, taken as written (quotes,
 * `$` and trailing spaces included); `#` starts a comment only as a line's first non-blank; a bare
 * `KEY` takes `lookup`'s value or is left out.
 */
export function parseRawEnvFile(text: string, source: EnvFileSource): Record<string, string> {
  const values = new Map(Object.entries(source.base ?? {}));
  const lines = stripByteOrderMark(text).split('\n');
  lines.forEach((raw, index) => {
    // Go's line scanner drops the `\r` of a CRLF ending, and the leading blanks go too.
    const scanned = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const line = trimStart(scanned, isUnicodeSpace);
    if (line === '' || line.startsWith('#')) return;
    const equals = line.indexOf('=');
    const key = equals < 0 ? line : line.slice(0, equals);
    const at = { file: source.file, line: index + 1, column: scanned.length - line.length + 1 };
    if (key === '') throw envFileError(at, `no variable name on line '${line}'`);
    if (/[ \t]/.test(key)) throw envFileError(at, `variable '${key}' contains whitespaces`);
    if (equals >= 0) {
      values.set(key, line.slice(equals + 1));
      return;
    }
    const value = source.lookup?.(key, values);
    if (value !== undefined) values.set(key, value);
  });
  return Object.fromEntries(values);
}

const BYTE_ORDER_MARK = '\uFEFF';

function stripByteOrderMark(text: string): string {
  return text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
}

/** Go's `unicode.IsSpace`; unlike JavaScript's `\s` it includes U+0085 and excludes U+FEFF. */
function isUnicodeSpace(char: string): boolean {
  return /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u.test(char);
}

/** The parser's "space": blanks that do not end a line. */
function isBlank(char: string): boolean {
  return /^[\t\v\f\r \u0085\u00a0]$/u.test(char);
}

function isKeyCharacter(char: string): boolean {
  return /^[_.\-[\]\p{L}\p{N}]$/u.test(char);
}

/** compose-go's `^export\s+`: Go's `\s` is ASCII only and includes the newline. */
function startsWithExport(text: string, at: number): boolean {
  return text.startsWith('export', at) && /^[\t\n\f\r ]$/.test(text[at + 'export'.length] ?? '');
}

interface KeyStatement {
  readonly key: string;
  /** A bare `KEY` line: the value comes from the lookup. */
  readonly bare: boolean;
  /** Where the value (or the next statement, for a bare key) starts. */
  readonly valueAt: number;
}

class DotenvParser {
  readonly values: Map<string, string>;
  readonly warnings: string[] = [];
  private readonly unsetWarned = new Set<string>();
  private position = 0;

  constructor(
    private readonly text: string,
    private readonly source: EnvFileSource,
  ) {
    this.values = new Map(Object.entries(source.base ?? {}));
  }

  parse(): void {
    while (this.skipToStatement()) {
      const statement = this.readKey();
      if (statement.key.includes(' ')) {
        throw this.error(this.position, 'key cannot contain a space');
      }
      if (statement.bare) {
        const value = this.source.lookup?.(statement.key, this.values);
        if (value !== undefined) this.values.set(statement.key, value);
        this.position = statement.valueAt;
        continue;
      }
      this.values.set(statement.key, this.readValue(statement.valueAt));
    }
  }

  /** Skips blank space and comment lines; false at the end of the text. */
  private skipToStatement(): boolean {
    for (;;) {
      while (this.position < this.text.length && isUnicodeSpace(this.text[this.position] ?? '')) {
        this.position++;
      }
      if (this.position >= this.text.length) return false;
      if (this.text[this.position] !== '#') return true;
      const newline = this.text.indexOf('\n', this.position);
      if (newline < 0) return false;
      this.position = newline;
    }
  }

  private readKey(): KeyStatement {
    let start = this.position;
    if (startsWithExport(this.text, start)) {
      start += 'export'.length;
      while (start < this.text.length && isBlank(this.text[start] ?? '')) start++;
      this.position = start;
    }
    if (start >= this.text.length) throw this.error(start, 'zero length string');

    for (let i = start; i < this.text.length;) {
      const char = String.fromCodePoint(this.text.codePointAt(i) ?? 0);
      if (char === '=' || char === ':' || char === '\n') {
        const key = trimEnd(this.text.slice(start, i), isUnicodeSpace);
        return { key, bare: char === '\n', valueAt: this.skipBlanks(i + 1) };
      }
      if (!isBlank(char) && !isKeyCharacter(char)) {
        const line = this.text.slice(start).split('\n')[0] ?? '';
        throw this.error(
          i,
          `unexpected character ${JSON.stringify(char)} in variable name ${JSON.stringify(line)}`,
        );
      }
      i += char.length;
    }
    // No separator before the end of the text: compose-go reads the rest as the value of the
    // empty key, so a last line `KEY` without a newline sets "" rather than KEY.
    return { key: '', bare: false, valueAt: this.skipBlanks(start) };
  }

  private skipBlanks(from: number): number {
    let at = from;
    while (at < this.text.length && isBlank(this.text[at] ?? '')) at++;
    return at;
  }

  private readValue(start: number): string {
    const quote = this.text[start];
    if (quote === "'" || quote === '"') return this.readQuotedValue(start, quote);

    const newline = this.text.indexOf('\n', start);
    const end = newline < 0 ? this.text.length : newline;
    this.position = newline < 0 ? end : newline + 1;
    let value = this.text.slice(start, end);
    const comment = value.indexOf(' #');
    if (comment >= 0) value = value.slice(0, comment);
    return this.expand(trimEnd(value, isUnicodeSpace), start);
  }

  /**
   * A backslash keeps the character after it, and is itself kept unless that character is the
   * closing quote: double-quoted values then turn `\n`, `\t`… into the characters they name.
   */
  private readQuotedValue(start: number, quote: string): string {
    let raw = '';
    let escaped = false;
    for (let i = start + 1; i < this.text.length; i++) {
      const char = this.text[i] ?? '';
      if (char !== quote) {
        if (!escaped && char === '\\') {
          escaped = true;
          continue;
        }
        if (escaped) raw += '\\';
        escaped = false;
        raw += char;
        continue;
      }
      if (escaped) {
        escaped = false;
        raw += char;
        continue;
      }
      this.position = i + 1;
      return quote === '"' ? this.expand(expandEscapes(raw), start) : raw;
    }
    const line = this.text.slice(start).split('\n')[0] ?? '';
    throw this.error(start, `unterminated quoted value ${line}`);
  }

  /** `${VAR}` in a value: the caller's lookup first, then what is already set, as compose-go does. */
  private expand(value: string, at: number): string {
    try {
      const result = substitute(
        value,
        (name) => this.source.lookup?.(name, this.values) ?? this.values.get(name),
      );
      for (const name of result.unset) this.warnUnset(name);
      return result.value;
    } catch (error) {
      if (error instanceof InvalidTemplateError || error instanceof MissingRequiredError) {
        throw new ComposeFileError({ position: this.positionAt(at), message: error.message, cause: error });
      }
      throw error;
    }
  }

  private warnUnset(name: string): void {
    if (this.unsetWarned.has(name)) return;
    this.unsetWarned.add(name);
    this.warnings.push(`The ${JSON.stringify(name)} variable is not set. Defaulting to a blank string.`);
  }

  private positionAt(offset: number): SourcePosition {
    const before = this.text.slice(0, offset);
    const lineStart = before.lastIndexOf('\n') + 1;
    return { file: this.source.file, line: before.split('\n').length, column: offset - lineStart + 1 };
  }

  private error(offset: number, message: string): ComposeFileError {
    return envFileError(this.positionAt(offset), message);
  }
}

function envFileError(position: SourcePosition, message: string): ComposeFileError {
  return new ComposeFileError({ position, message });
}

/**
 * The escapes a double-quoted value understands: `\a \b \f \n \r \t \v \\ \"`, `\$` (a literal
 * dollar: it becomes `$$` for the substitution that follows) and XSI octal `\0nnn`. Anything
 * else, `\x41` or `\u00e9` included, stays as written.
 */
const ESCAPE_SEQUENCE = /\\(?:[abcfnrtv$"\\]|0\d{0,3})/g;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '"': '"',
  '\\': '\\',
  $: '$$',
};

function expandEscapes(value: string): string {
  return value.replace(ESCAPE_SEQUENCE, (sequence) => {
    const letter = sequence.slice(1);
    const simple = SIMPLE_ESCAPES[letter];
    if (simple !== undefined) return simple;
    // `\0` plus exactly three octal digits up to \0377; compose-go leaves other forms (and `\c`) as they are.
    const octal = letter.slice(1);
    if (/^[0-7]{3}$/.test(octal) && Number.parseInt(octal, 8) <= 0o377) {
      return String.fromCodePoint(Number.parseInt(octal, 8));
    }
    return sequence;
  });
}

function trimStart(text: string, isTrimmed: (char: string) => boolean): string {
  let start = 0;
  while (start < text.length && isTrimmed(text[start] ?? '')) start++;
  return text.slice(start);
}

function trimEnd(text: string, isTrimmed: (char: string) => boolean): string {
  let end = text.length;
  while (end > 0 && isTrimmed(text[end - 1] ?? '')) end--;
  return text.slice(0, end);
}
