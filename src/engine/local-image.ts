/**
 * Whether an image is in the engine's store, and under which id: `GET /images/{name}/json`, where
 * 404 means "not here" and any other failure is a real one.
 */
import type Docker from 'dockerode';
import { toEngineError } from './engine-error.js';

export async function localImageId(docker: Docker, reference: string): Promise<string | undefined> {
  const inspect = await localImage(docker, reference);
  return inspect?.Id;
}

export async function localImage(
  docker: Docker,
  reference: string,
): Promise<Docker.ImageInspectInfo | undefined> {
  try {
    return await docker.getImage(reference).inspect();
  } catch (error) {
    const failure = toEngineError(`inspect image ${reference}`, error);
    if (failure.statusCode === 404) return undefined;
    throw failure;
  }
}
