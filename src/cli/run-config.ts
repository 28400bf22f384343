/**
 * What `tscompose config` does once its flags are parsed: load the project, then print the model
 * or the listing asked for. The decisions mirror docker compose's `config` command: listings are
 * sorted, `$` is doubled in interpolated output so the result loads back unchanged, and
 * `--no-interpolate` prints the partly resolved model with sorted keys.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadProject, type LoadedProject } from '../compose/load-project.js';
import { nodeFileSystem } from './node-file-system.js';
import { renderModel } from '../compose/render-model.js';
import { serviceConfigHash } from '../compose/service-hash.js';
import { extractVariables } from '../compose/extract-variables.js';
import type { ConfigArgs } from './config.js';
import { ExitError } from './exit-error.js';
import { compareBytes, compareGoYamlKeys } from '../compose/go-key-order.js';
import { buildGraph } from '../graph/dependency-graph.js';
import { levels } from '../graph/traverse.js';
import { goJson } from '../compose/go-json.js';
import { formatModel } from './format-model.js';
import { formatYaml } from './format-yaml.js';
import type { CliIo } from './cli-io.js';
import { list, toLoadOptions, type ProcessContext } from './global-options.js';

export async function runConfig(args: ConfigArgs, context: ProcessContext, out: CliIo): Promise<void> {
  if (args['resolve-image-digests'] || args['lock-image-digests']) {
    throw new ExitError(
      '--resolve-image-digests and --lock-image-digests need the engine, which this version lacks',
    );
  }
  // docker compose's --services, --volumes, --networks, --models and --hash load the whole project.
  const wholeProject =
    args.services || args.volumes || args.networks || args.models || args.hash !== undefined;
  const services = wholeProject ? [] : list(args.service);
  const raw = args['no-interpolate'] || args.variables;
  if (raw && services.length > 0) {
    const flag = args.variables ? '--variables' : '--no-interpolate';
    out.stderr(
      `WARN service filtering is not applied when ${flag} is set, the full model will be rendered\n`,
    );
  }
  const loaded = loadProject(
    {
      ...toLoadOptions(args, context, raw ? [] : services),
      interpolate: !raw,
      normalize: !args['no-normalize'] && !args.compatibility,
      resolvePaths: !args['no-path-resolution'],
      consistency: !args['no-consistency'],
      resolveServiceEnvironment: !args['no-env-resolution'],
      validate: !args.variables,
    },
    nodeFileSystem,
  );
  for (const warning of loaded.warnings) out.stderr(`WARN ${warning}\n`);

  const listing = renderListing(args, loaded);
  if (args.quiet) return;
  if (listing !== undefined) {
    // As in docker compose, -o saves the model only; listings always go to stdout.
    out.stdout(listing);
    return;
  }
  const text = renderDocument(args, loaded);
  if (args.output && text.length > 0) {
    writeFileSync(resolve(context.cwd, args.output), text);
    return;
  }
  out.stdout(text);
}

function renderListing(args: ConfigArgs, loaded: LoadedProject): string | undefined {
  const { project } = loaded;
  const lines = (items: Iterable<string>) => [...items].map((item) => `${item}\n`).join('');
  if (args.services) return lines(inDependencyOrder(project));
  if (args.volumes) return lines(Object.keys(project.volumes ?? {}).sort());
  if (args.networks) return lines(Object.keys(project.networks ?? {}).sort());
  if (args.models) {
    const models = Object.values(project.models ?? {}) as Array<{ model?: string }>;
    return lines(models.flatMap((m) => (m.model ? [m.model] : [])));
  }
  if (args.hash !== undefined) {
    const wanted = args.hash === '*' ? Object.keys(project.services) : args.hash.split(',');
    const missing = wanted.filter((name) => !(name in project.services));
    if (missing.length > 0) throw new ExitError(`no such service: ${missing.join(', ')}`);
    return lines(wanted.sort().map((name) => `${name} ${serviceConfigHash(project.services[name]!)}`));
  }
  if (args.profiles) return lines(loaded.profiles);
  if (args.images) {
    return lines(
      Object.keys(project.services)
        .sort()
        .map((name) => project.services[name]!.image || `${project.name}-${name}`),
    );
  }
  if (args.variables) return renderVariables(args, loaded);
  if (args.environment) {
    // compose sorts the `KEY=value` strings themselves, so `A1=` comes before `A=`.
    return lines(
      Object.keys(loaded.environment)
        .map((key) => `${key}=${loaded.environment[key]}`)
        .sort(compareBytes),
    );
  }
  return undefined;
}

/** Dependencies before their dependents, as compose's Project.ForEachService visits them. */
function inDependencyOrder(project: LoadedProject['project']): string[] {
  return levels(buildGraph(project.services), 'dependencies-first').flat();
}

function renderDocument(args: ConfigArgs, loaded: LoadedProject): string {
  const format = args.format ?? 'yaml';
  if (args['no-interpolate']) return formatModel(sortKeysDeep(loaded.model, format), format);
  const text = formatModel(renderModel(loaded.project as unknown as Record<string, unknown>, format), format);
  // Interpolation has been done: escape what is left so the output can be loaded again as is.
  return text.replace(/\$/g, '$$$$');
}

function renderVariables(args: ConfigArgs, loaded: LoadedProject): string {
  const variables = extractVariables(loaded.model);
  const byName = Object.fromEntries(
    [...variables.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  if (args.format === 'json') {
    const json = Object.fromEntries(
      Object.entries(byName).map(([name, v]) => [
        name,
        { Name: v.name, DefaultValue: v.defaultValue, PresenceValue: v.presenceValue, Required: v.required },
      ]),
    );
    // docker's formatter prints the JSON document, then a line break of its own.
    return `${goJson(json, 4)}\n\n`;
  }
  if (args.format === 'yaml') {
    // compose prints these with yaml.Marshal, whose indent is 4.
    return formatYaml(
      Object.fromEntries(
        Object.entries(byName).map(([name, v]) => [
          name,
          {
            name: v.name,
            defaultvalue: v.defaultValue,
            presencevalue: v.presenceValue,
            required: v.required,
          },
        ]),
      ),
      { indent: 4 },
    );
  }
  const rows = [['NAME', 'REQUIRED', 'DEFAULT VALUE', 'ALTERNATE VALUE']].concat(
    Object.values(byName).map((v) => [v.name, String(v.required), v.defaultValue, v.presenceValue]),
  );
  return table(rows);
}

/**
 * docker's table formatter: Go's tabwriter with a minimum cell width of 20 and a padding of 3;
 * every cell but the last is padded, and trailing spaces stay.
 */
function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) =>
    Math.max(20, ...rows.map((row) => (row[column] ?? '').length + 3)),
  );
  return rows
    .map((row) =>
      row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join(''),
    )
    .map((line) => `${line}\n`)
    .join('');
}

/** The raw model is a Go map all the way down: its keys come out in the encoder's order. */
function sortKeysDeep(value: unknown, format: 'yaml' | 'json'): unknown {
  if (Array.isArray(value)) return value.map((item) => sortKeysDeep(item, format));
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort(format === 'yaml' ? compareGoYamlKeys : compareBytes)
      .map((key) => [key, sortKeysDeep(record[key], format)]),
  );
}
