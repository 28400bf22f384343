// Loads a compose file from a string through the real loader, as `up` would see it.
import { memoryFileSystem } from '../../src/compose/file-system.js';
import { loadProject } from '../../src/compose/load-project.js';
import type { Project } from '../../src/compose/project.js';

export function loadYaml(yaml: string): Project {
  const fs = memoryFileSystem({ '/project/compose.yaml': yaml });
  return loadProject({ workingDir: '/project', environment: {} }, fs).project;
}
