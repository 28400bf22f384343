/**
 * A service's `label_file`s read into its `labels`, as compose-go's WithServicesLabelsResolved
 * does for `config` and `up`: each file in order, in the env-file dialect, where `${VAR}` sees
 * only the labels read so far (not the project environment); the service's own `labels` win; a
 * missing file is an error. `label_file` is then dropped from the service.
 */
import { parseDotenv } from './dotenv.js';
import { ComposeFileError } from './errors.js';
import type { FileSystem } from './file-system.js';
import type { ServiceConfig } from './project.js';
import { locate, type SourceNode } from './source-map.js';
import type { TreePath } from './tree-path.js';

export interface ServiceLabelsContext {
  readonly fs: FileSystem;
  /** The service's place in the model, for error paths. */
  readonly path: TreePath;
  readonly source?: SourceNode;
}

export function applyServiceLabels(service: ServiceConfig, context: ServiceLabelsContext): ServiceConfig {
  const { label_file: labelFiles, ...rest } = service;
  if (!Array.isArray(labelFiles) || labelFiles.length === 0) return rest;
  let labels: Record<string, string> = {};
  labelFiles.forEach((file: unknown, index) => {
    const path = String(file);
    if (!context.fs.exists(path)) {
      const at = [...context.path, 'label_file', index];
      throw new ComposeFileError({
        message: `label file ${path} not found`,
        path: at,
        position: locate(context.source, at),
      });
    }
    const seen = labels;
    labels = parseDotenv(context.fs.readFile(path), {
      file: path,
      lookup: (name) => (Object.hasOwn(seen, name) ? seen[name] : undefined),
      base: labels,
    });
  });
  return { ...rest, labels: { ...labels, ...(service.labels ?? {}) } };
}
