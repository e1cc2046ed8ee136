// Where the browser face's token comes from, through the real `npm run web`
// entry: BERTH_TOKEN and --token-file keep it out of `ps`, and a token too
// short to resist guessing is refused at start with a message that says why.
// No engine is needed: discovery is pointed at nothing.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSession } from '../helpers/face-client.ts';
import { startWebApp, type WebApp } from '../helpers/web-app.ts';

let app: WebApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function options(args: string[] = []) {
  const dataDir = await mkdtemp(join(tmpdir(), 'berth-token-'));
  return {
    dataDir,
    engine: 'auto',
    args,
    timeoutMs: 30_000,
    env: {
      HOME: dataDir,
      DOCKER_HOST: '',
      DOCKER_CONTEXT: '',
      BERTH_NO_WELL_KNOWN_SOCKETS: '1',
      BERTH_DOCKERD: 'none',
    },
  };
}

describe('the access token', () => {
  it('comes from BERTH_TOKEN, and does not show in ps', async () => {
    app = await startWebApp(await options());
    expect(app.urlWithToken).toBe(`${app.url}?token=${app.token}`);
    const cmdline = await readFile(`/proc/${app.process.pid}/cmdline`, 'utf8');
    expect(cmdline).not.toContain(app.token);
    await expect(openSession(app.url, app.token)).resolves.toMatch(/^[0-9a-f]{64}$/);
  });

  it('comes from --token-file, without its trailing newline', async () => {
    const opts = await options();
    const token = 'f'.repeat(40);
    const file = join(opts.dataDir, 'token');
    await writeFile(file, `${token}\n`, { mode: 0o600 });
    app = await startWebApp({ ...opts, args: ['--token-file', file] });
    expect(app.urlWithToken).toBe(`${app.url}?token=${token}`);
    await expect(openSession(app.url, token)).resolves.toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a --token of 31 characters before starting anything', async () => {
    const opts = await options(['--token', 'a'.repeat(31)]);
    await expect(startWebApp(opts)).rejects.toThrow(/exited with 2[\s\S]*at least 32/);
  });
});
