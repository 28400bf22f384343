/**
 * Build step: bundles the built CLI (dist/src) into one module, dist/bundle/tscompose.mjs, which
 * bin/tscompose.js loads. Node resolves and compiles one file instead of a few hundred modules
 * (yargs alone is dozens), which takes about 120 ms off every `tscompose` start on this
 * machine. ajv stays outside: only the fallback that compiles the schema at run time needs it,
 * and a build always has the precompiled validator (scripts/compile-schema.ts).
 */
import { readFile } from 'node:fs/promises';
import { build, type Plugin } from 'esbuild';

/**
 * yargs measures every help line with string-width, which segments graphemes and builds its emoji
 * regular expression once per character; and yargs renders the whole help of the command that runs
 * (to have it ready for a failure) even when nobody asks for it. On `config`, whose help is long,
 * that is about 30 ms of every run. Printable ASCII is one column per character, so the bundle
 * answers that case directly and hands anything else to the real string-width.
 */
const asciiFastStringWidth: Plugin = {
  name: 'ascii-fast-string-width',
  setup(bundle) {
    const namespace = 'ascii-fast-string-width';
    bundle.onResolve({ filter: /^string-width$/ }, (args) => {
      // The wrapper's own import of the real package resolves normally.
      if (args.namespace === namespace) return undefined;
      // One wrapper per folder: cliui and wrap-ansi may each have their own string-width version.
      return { path: args.resolveDir, namespace };
    });
    bundle.onLoad({ filter: /.*/, namespace }, (args) => ({
      resolveDir: args.path,
      contents: `import realStringWidth from 'string-width';
const PRINTABLE_ASCII = /^[\\x20-\\x7e]*$/;
export default function stringWidth(text, options) {
  return typeof text === 'string' && PRINTABLE_ASCII.test(text) ? text.length : realStringWidth(text, options);
}`,
    }));
  },
};

/**
 * dockerode is bundled (loading it from node_modules took ~100 ms of every command that talks to
 * the engine: a few hundred CommonJS files), except for its two parts that a unix-socket or TCP
 * client never runs and that are heavy to load: docker-modem's ssh agent (ssh2, with optional
 * native addons a bundle cannot hold) and dockerode's BuildKit session (gRPC and protobuf). Each
 * becomes a stub that loads the real file from node_modules on its first call.
 */
const lazyDockerodeParts: Plugin = {
  name: 'lazy-dockerode-parts',
  setup(bundle) {
    const namespace = 'lazy-dockerode-parts';
    const lazy: Record<string, RegExp> = {
      'docker-modem/lib/ssh.js': /[\\/]docker-modem[\\/]lib[\\/]modem\.js$/,
      'dockerode/lib/session.js': /[\\/]dockerode[\\/]lib[\\/]docker\.js$/,
    };
    bundle.onResolve({ filter: /^\.\/(ssh|session)$/ }, (args) => {
      const target = Object.entries(lazy).find(
        ([file, importer]) => importer.test(args.importer) && file.endsWith(`${args.path.slice(1)}.js`),
      );
      return target ? { path: target[0], namespace } : undefined;
    });
    // The stub's own require of the real file stays a require, resolved at run time.
    bundle.onResolve({ filter: /.*/, namespace }, (args) => ({ path: args.path, external: true }));
    bundle.onLoad({ filter: /.*/, namespace }, (args) => ({
      contents: `module.exports = function () { return require(${JSON.stringify(args.path)}).apply(this, arguments); };`,
      loader: 'js',
    }));
  },
};

/**
 * string-width makes an `Intl.Segmenter` when its module loads, and the first one a process makes
 * loads ICU's break-iterator data: 20–40 ms here, on every command, although yargs' help lines are
 * printable ASCII and never reach it (see above). The bundle makes it on first use instead; a
 * string-width whose source does not read as expected is bundled as it is.
 */
const lazySegmenter: Plugin = {
  name: 'lazy-segmenter',
  setup(bundle) {
    bundle.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const eager = 'const segmenter = new Intl.Segmenter();';
      if (!source.includes(eager) || /segmenter\.(?!segment\()/.test(source)) return undefined;
      const lazy =
        'let realSegmenter; const segmenter = { segment: (text) => (realSegmenter ??= new Intl.Segmenter()).segment(text) };';
      return { contents: source.replace(eager, lazy), loader: 'js' };
    });
  },
};

/**
 * docker-modem formats every request for its debug log (`util.inspect` of the whole request, with
 * hidden properties and no depth limit) before `debug` decides the log is off: about 0.5 ms per
 * engine call. The bundle formats it only when DEBUG enables that log; a docker-modem whose
 * source does not read as expected is bundled as it is.
 */
const lazyModemDebug: Plugin = {
  name: 'lazy-modem-debug',
  setup(bundle) {
    bundle.onLoad({ filter: /[\\/]docker-modem[\\/]lib[\\/]modem\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const eager = "debug('Sending: %s', util.inspect(options, {";
      if (source.split(eager).length !== 2) return undefined;
      return { contents: source.replace(eager, `if (debug.enabled) ${eager}`), loader: 'js' };
    });
  },
};

await build({
  entryPoints: [new URL('../dist/src/cli/main.js', import.meta.url).pathname],
  outdir: new URL('../dist/bundle/', import.meta.url).pathname,
  entryNames: 'tscompose',
  outExtension: { '.js': '.mjs' },
  // What a command imports inside its handler (the loader for config, the engine client for
  // engine, the probes for doctor) becomes a chunk of its own, loaded only by that command.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // ink imports react-devtools-core only when DEV=true; it is not installed, so it stays outside.
  external: ['ajv', 'react-devtools-core'],
  plugins: [asciiFastStringWidth, lazySegmenter, lazyDockerodeParts, lazyModemDebug],
  // Some dependencies are CommonJS and call require; an ES module has none unless given one.
  banner: {
    js: "import { createRequire as __tscomposeCreateRequire } from 'node:module'; const require = __tscomposeCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
