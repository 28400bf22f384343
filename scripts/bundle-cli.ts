/**
 * Build step: bundles the built CLI (dist/src) into one module, dist/bundle/tscompose.mjs, which
 * bin/tscompose.js loads. Node resolves and compiles one file instead of a few hundred modules
 * (yargs alone is dozens), which takes about 120 ms off every `tscompose` start on this
 * machine. ajv stays outside: only the fallback that compiles the schema at run time needs it,
 * and a build always has the precompiled validator (scripts/compile-schema.ts).
 */
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
  // dockerode pulls in ssh2's optional native addons, which a bundle cannot hold; it loads from
  // node_modules when a command first talks to the engine.
  // ink imports react-devtools-core only when DEV=true; it is not installed, so it stays outside.
  external: ['ajv', 'dockerode', 'react-devtools-core'],
  plugins: [asciiFastStringWidth],
  // Some dependencies are CommonJS and call require; an ES module has none unless given one.
  banner: {
    js: "import { createRequire as __tscomposeCreateRequire } from 'node:module'; const require = __tscomposeCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
