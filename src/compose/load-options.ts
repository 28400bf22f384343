/**
 * What the caller (the CLI, a test) tells the loader. Every input comes in here as plain data:
 * the process environment is a record, never read from `process.env` by a stage.
 */
export interface LoadOptions {
  /** Where the command runs; file discovery starts here. */
  readonly workingDir: string;
  /** `-f` files in order (relative to workingDir); `-` reads `stdin`. Empty: discover. */
  readonly configFiles?: readonly string[];
  /** The content behind `-f -`. */
  readonly stdin?: string;
  /** `--project-directory`. */
  readonly projectDirectory?: string;
  /** `-p`. */
  readonly projectName?: string;
  /** `--env-file`, in order; later files win. */
  readonly envFiles?: readonly string[];
  /** `--profile`. */
  readonly profiles?: readonly string[];
  /** Services named on the command line: they enable their profiles and select the project. */
  readonly services?: readonly string[];
  /** The process environment. */
  readonly environment: Readonly<Record<string, string | undefined>>;
  /** Defaults true; `--no-interpolate` turns it off. */
  readonly interpolate?: boolean;
  /** Defaults true; `--no-normalize` turns it off. */
  readonly normalize?: boolean;
  /** Defaults true; `--no-path-resolution` turns it off. */
  readonly resolvePaths?: boolean;
  /** Defaults true; `--no-consistency` turns it off. */
  readonly consistency?: boolean;
  /** Defaults true: env_file contents merged into `environment`; `--no-env-resolution` turns it off. */
  readonly resolveServiceEnvironment?: boolean;
  /** `--all-resources`: keep networks, volumes… that no selected service uses. */
  readonly allResources?: boolean;
  /** Defaults true; `config --variables` loads without schema validation, as compose does. */
  readonly validate?: boolean;
}

export type InterpolationEnvironment = Readonly<Record<string, string>>;
