// The browser face refuses a data folder other users may write to, before it
// starts anything, and tells the user how to fix it.
import { chmod, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebApp, type WebApp } from '../helpers/web-app.ts';

let base = '';
let app: WebApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
  if (base) await rm(base, { recursive: true, force: true });
});

describe('the data folder', () => {
  it('refuses a world-writable data folder at start, naming it and the fix', async () => {
    base = await mkdtemp(join(tmpdir(), 'berth-data-dir-'));
    const dataDir = join(base, 'berth');
    await mkdir(dataDir);
    await chmod(dataDir, 0o777);
    const started = startWebApp({ dataDir, engine: 'unix:///nonexistent/docker.sock' });
    started.then((running) => (app = running)).catch(() => {});
    const error = await started.then(
      () => new Error('the app started'),
      (e: unknown) => e as Error,
    );
    expect(error.message).toContain('The app exited with 1 before it started');
    expect(error.message).toContain(`The data folder ${dataDir} can be written by other users`);
    expect(error.message).toContain(`chmod 700 ${dataDir}`);
    // Nothing was written into it.
    expect((await stat(dataDir)).mode & 0o777).toBe(0o777);
    await expect(stat(join(dataDir, 'berth.lock'))).rejects.toThrow(/ENOENT/);
  });
});
