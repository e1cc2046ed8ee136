// Images in the test registry that the engine does not have, so a pull must
// really move bytes: the busybox image plus one layer of random data (which
// gzip cannot shrink), pushed, then removed locally.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { busyboxImage, ensureBusyboxImage } from './busybox-image.ts';
import { docker } from './managed-engine.ts';

type Engine = { endpoint: string };

/** Builds `berth-test/blob:<mb>m` (busybox + `mb` MB of random bytes) with the classic builder. */
export async function buildBlobImage(engine: Engine, mb = 20): Promise<string> {
  await ensureBusyboxImage(engine.endpoint);
  const image = `berth-test/blob:${mb}m`;
  const context = await mkdtemp(path.join(os.tmpdir(), 'berth-blob-'));
  try {
    await writeFile(
      path.join(context, 'Dockerfile'),
      `FROM ${busyboxImage}\nRUN dd if=/dev/urandom of=/blob bs=1M count=${mb}\nCMD ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]\n`,
    );
    await docker(engine, 'build', '-q', '-t', image, context);
  } finally {
    await rm(context, { recursive: true, force: true });
  }
  return image;
}

/**
 * Pushes a fresh blob image to the registry as `ref` (`localhost:PORT/name:tag`)
 * and removes every local name of it, so only its busybox base layer stays here.
 */
export async function publishBlobImage(engine: Engine, ref: string, mb = 20): Promise<void> {
  const local = await buildBlobImage(engine, mb);
  await docker(engine, 'tag', local, ref);
  await docker(engine, 'push', '-q', ref);
  await docker(engine, 'rmi', ref, local);
}

/** Whether the engine has `ref`, by the docker CLI (the independent truth). */
export async function hasImage(engine: Engine, ref: string): Promise<boolean> {
  try {
    await docker(engine, 'image', 'inspect', '--format', '{{.Id}}', ref);
    return true;
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '');
    if (/no such image/i.test(stderr)) return false;
    throw error;
  }
}
