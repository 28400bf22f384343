/**
 * The loader's entry: from what the user typed (LoadOptions) to a Project, as docker compose
 * does it. The order matters and is compose's: the environment first (process, then env files
 * or `.env`), which can name the compose files (COMPOSE_FILE), the project name and profiles;
 * then the files, the name, the merged canonical model (load-model.ts), normalisation,
 * profiles and service selection, consistency checks, and each service's final environment.
 *
 * Every stage it calls is pure; the `FileSystem` is the only way to the disk.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { discoverComposeFiles, STDIN_PATH } from './discover.js';
import { addProjectDirectoryDotenv, buildProjectEnvironment, readComposeSettings } from './environment.js';
import { ComposeFileError } from './errors.js';
import type { FileSystem } from './file-system.js';
import { substitute } from './template.js';
import { describeTemplateError } from './interpolate.js';
import type { LoadOptions } from './load-options.js';
import { loadModel, lookupIn, readComposeFiles } from './load-model.js';
import { normalizeProject } from './normalize.js';
import { listProfiles, selectActiveServices } from './profiles.js';
import type { Project } from './project.js';
import { chooseProjectName, COMPOSE_PROJECT_NAME } from './project-name.js';
import { checkConsistency } from './check-consistency.js';
import { applyServiceEnvironment } from './service-environment.js';
import { applyServiceLabels } from './service-labels.js';
import { locate, type SourceNode } from './source-map.js';

export interface LoadedProject {
  /** The canonical project: normalised, profiles applied, selected services only. */
  readonly project: Project;
  /**
   * The merged model before binding (sorted output of `config --no-interpolate`, and the input of
   * `config --variables`): canonical, paths resolved, not normalised when asked not to be.
   */
  readonly model: Record<string, unknown>;
  /** Every profile named by any service, sorted: `config --profiles`. */
  readonly profiles: readonly string[];
  /** Absolute paths of the compose files, or `-`. */
  readonly files: readonly string[];
  readonly projectDirectory: string;
  /** The interpolation environment, including COMPOSE_PROJECT_NAME. */
  readonly environment: Readonly<Record<string, string>>;
  readonly warnings: readonly string[];
}

export function loadProject(options: LoadOptions, fs: FileSystem): LoadedProject {
  const warnings: string[] = [];
  const warn = (message: string) => {
    if (!warnings.includes(message)) warnings.push(message);
  };
  const cwd = options.workingDir;
  const explicitDirectory = options.projectDirectory ? resolve(cwd, options.projectDirectory) : undefined;
  const firstExplicitFile = (options.configFiles ?? []).find((f) => f !== STDIN_PATH);
  const preliminaryDirectory =
    explicitDirectory ?? (firstExplicitFile ? dirname(absolute(cwd, firstExplicitFile)) : cwd);

  let environment = buildProjectEnvironment({
    processEnvironment: options.environment,
    workingDir: cwd,
    envFiles: options.envFiles,
    directory: preliminaryDirectory,
    fs,
  });
  const settings = readComposeSettings(environment.variables);
  const discovered = discoverComposeFiles(
    {
      workingDir: cwd,
      searchFrom: explicitDirectory ?? cwd,
      explicitFiles: options.configFiles,
      composeFileVariable: ownValue(environment.variables, 'COMPOSE_FILE'),
      pathSeparator: ownValue(environment.variables, 'COMPOSE_PATH_SEPARATOR'),
    },
    fs,
  );
  discovered.warnings.forEach(warn);
  if (discovered.files.length === 0) {
    throw new ComposeFileError({
      file: cwd,
      message: 'no configuration file provided: not found',
      hint: 'run in a folder with a compose.yaml (or a parent of one), or name the files with -f',
    });
  }
  const firstFile = discovered.files.find((f) => f !== STDIN_PATH);
  const projectDirectory = explicitDirectory ?? (firstFile ? dirname(firstFile) : cwd);
  environment = addProjectDirectoryDotenv(environment, projectDirectory, fs);
  environment.warnings.forEach(warn);

  const interpolate = options.interpolate !== false;
  const normalize = options.normalize !== false;
  const files = readComposeFiles(discovered.files, { fs, stdin: options.stdin });
  const { name } = chooseProjectName({
    flag: options.projectName,
    environment: environment.variables,
    namesInFiles: files.flatMap((f) => f.documents.map((d) => nameOf(d.tree))),
    interpolate: interpolate ? (text) => interpolateName(text, environment.variables, files) : undefined,
    normalize,
    projectDirectory,
  });
  const variables: Record<string, string> = { ...environment.variables, [COMPOSE_PROJECT_NAME]: name };

  const located = loadModel(files, {
    fs,
    workingDir: projectDirectory,
    environment: variables,
    interpolate,
    validate: options.validate !== false,
    resolvePaths: options.resolvePaths !== false,
    stdin: options.stdin,
    home: variables.HOME,
    includeStack: [],
    warn,
  });
  if (Object.keys(located.tree).length === 0) {
    throw new ComposeFileError({ file: discovered.files[0], message: 'empty compose file' });
  }
  // A project may have no services (only networks, say); the model always has the section.
  const tree = { ...located.tree, services: located.tree.services ?? {} };
  const model = normalize
    ? normalizeProject(tree, { projectName: name, environment: variables })
    : { ...tree, name };

  // compose renders an uninterpolated model without binding it, so it is never checked then.
  const consistency = options.consistency !== false && interpolate;
  const profiles = options.profiles?.length ? options.profiles : (settings.profiles ?? []);
  const active = selectActiveServices(model as unknown as Project, {
    profiles,
    services: options.services,
    check: consistency
      ? (enabled) =>
          checkConsistency(
            { tree: enabled.project as unknown as Record<string, unknown>, source: located.source },
            { disabledServices: enabled.disabled },
          )
      : undefined,
    allResources: options.allResources,
    source: located.source,
  });
  const labelled = withServiceLabels(active.project, fs, located.source);
  const project =
    options.resolveServiceEnvironment === false
      ? labelled
      : withServiceEnvironments(labelled, {
          lookup: lookupIn(variables),
          fs,
          workingDir: projectDirectory,
          source: located.source,
          warn,
        });

  return {
    project,
    model,
    profiles: listProfiles(active),
    files: discovered.files,
    projectDirectory,
    environment: variables,
    warnings,
  };
}

/** The `name:` is interpolated before the rest; its errors point at the file that set it. */
function interpolateName(
  text: string,
  variables: Readonly<Record<string, string>>,
  files: readonly { file: string; documents: readonly { tree: unknown; source: SourceNode }[] }[],
): string {
  try {
    return substitute(text, lookupIn(variables)).value;
  } catch (error) {
    const named = files
      .flatMap((f) => f.documents)
      .filter((d) => nameOf(d.tree) !== undefined)
      .at(-1);
    throw new ComposeFileError({
      message: describeTemplateError(error),
      path: ['name'],
      position: locate(named?.source, ['name']),
      cause: error,
    });
  }
}

function ownValue(variables: Readonly<Record<string, string>>, name: string): string | undefined {
  return Object.hasOwn(variables, name) ? variables[name] : undefined;
}

function absolute(cwd: string, file: string): string {
  return isAbsolute(file) ? file : resolve(cwd, file);
}

function nameOf(tree: unknown): string | undefined {
  if (typeof tree !== 'object' || tree === null) return undefined;
  const name = (tree as Record<string, unknown>).name;
  return typeof name === 'string' ? name : undefined;
}

interface ServiceEnvironmentInputs {
  readonly lookup: (name: string) => string | undefined;
  readonly fs: FileSystem;
  readonly workingDir: string;
  readonly source: SourceNode;
  readonly warn: (message: string) => void;
}

/** Each service's env files read into its environment, as `config` and `up` see it. */
function withServiceEnvironments(project: Project, inputs: ServiceEnvironmentInputs): Project {
  const services = Object.fromEntries(
    Object.entries(project.services).map(([name, service]) => {
      const resolved = applyServiceEnvironment(service, { ...inputs, path: ['services', name] });
      resolved.warnings.forEach(inputs.warn);
      return [name, resolved.service];
    }),
  );
  return { ...project, services };
}

/** Each service's label files read into its labels (always, as compose does). */
function withServiceLabels(project: Project, fs: FileSystem, source: SourceNode): Project {
  const services = Object.fromEntries(
    Object.entries(project.services).map(([name, service]) => [
      name,
      applyServiceLabels(service, { fs, path: ['services', name], source }),
    ]),
  );
  return { ...project, services };
}
