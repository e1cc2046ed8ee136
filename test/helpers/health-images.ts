// Two images FROM the busybox test image with a health check that always
// passes or always fails, built with the classic builder (no BuildKit here).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { busyboxImage } from './busybox-image.ts';
import { docker } from './managed-engine.ts';

export const healthyImage = 'berth-test/healthy:latest';
export const unhealthyImage = 'berth-test/unhealthy:latest';

export async function ensureHealthImages(engine: { endpoint: string }): Promise<void> {
  for (const [image, check] of [
    [healthyImage, 'true'],
    [unhealthyImage, 'false'],
  ] as const) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'berth-health-'));
    try {
      await writeFile(
        path.join(dir, 'Dockerfile'),
        `FROM ${busyboxImage}\nHEALTHCHECK --interval=1s --timeout=1s --retries=1 CMD ${check}\nCMD ["sleep", "100000"]\n`,
      );
      await docker(engine, 'build', '-q', '-t', image, dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
