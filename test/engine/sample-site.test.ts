// The sample site's image, made on a real engine from the files Berth ships,
// with the docker CLI as the truth: what it declares, that a container of it
// serves the explaining page on a published port, and that it is made again
// after the user deletes it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_SITE_IMAGE } from '../../electron/contract/samples-channels.ts';
import {
  ensureSampleSite,
  SAMPLE_SITE_ASSETS,
} from '../../electron/services/samples/sample-site.ts';
import { FOLLOW_MS } from '../helpers/deadlines.ts';
import { pageWhenUp } from '../helpers/http-page.ts';
import { docker, startManagedEngine, type TestEngine } from '../helpers/managed-engine.ts';

const execFileAsync = promisify(execFile);
let engine: TestEngine;
let client: Docker;

beforeAll(async () => {
  engine = await startManagedEngine();
  client = new Docker({ socketPath: engine.socketPath });
});

afterAll(async () => {
  await engine?.cleanup();
});

/** Both streams of `docker logs`. */
async function logsOf(name: string): Promise<string> {
  const { stdout, stderr } = await execFileAsync('docker', ['-H', engine.endpoint, 'logs', name]);
  return stdout + stderr;
}

async function until(check: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + FOLLOW_MS;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out after ${FOLLOW_MS} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the sample site', () => {
  it('is made with no registry, and declares its command and port as docker import --change does', async () => {
    const made = await ensureSampleSite(client, SAMPLE_SITE_ASSETS);
    expect(made).toMatchObject({ image: SAMPLE_SITE_IMAGE, made: true });
    const declared = JSON.parse(
      await docker(engine, 'image', 'inspect', '-f', '{{json .Config}}', SAMPLE_SITE_IMAGE),
    ) as { Cmd: string[]; ExposedPorts: Record<string, object>; Labels: Record<string, string> };
    expect(declared.Cmd).toEqual(['httpd', '-f', '-vv', '-p', '80', '-h', '/www']);
    expect(Object.keys(declared.ExposedPorts)).toEqual(['80/tcp']);
    expect(declared.Labels['dev.berth.sample']).toBe('site');
    const arch = await docker(
      engine,
      'image',
      'inspect',
      '-f',
      '{{.Architecture}}',
      SAMPLE_SITE_IMAGE,
    );
    expect(arch.trim()).toBe(process.arch === 'arm64' ? 'arm64' : 'amd64');
    // Found the second time, not made again.
    expect(await ensureSampleSite(client, SAMPLE_SITE_ASSETS)).toMatchObject({
      id: made.id,
      made: false,
    });
  });

  it('serves the page that explains what happened, and logs each visit', async () => {
    await docker(engine, 'run', '-d', '--name', 'site', '-p', '127.0.0.1::80', SAMPLE_SITE_IMAGE);
    const port = (await docker(engine, 'port', 'site', '80/tcp')).trim().split(':').at(-1)!;
    expect(await pageWhenUp(port)).toContain('It works: this page comes from a container.');
    // httpd -vv writes each request's URL on stderr.
    await until(async () => (await logsOf('site')).includes('url:/'));
    // A beginner's shell works in it.
    expect(
      (await docker(engine, 'exec', 'site', 'sh', '-c', 'whoami; ls /www')).split('\n'),
    ).toEqual(['root', 'index.html', '']);
    await docker(engine, 'rm', '-f', 'site');
  });

  it('is made again after the user deletes it', async () => {
    await docker(engine, 'rmi', SAMPLE_SITE_IMAGE);
    expect(await ensureSampleSite(client, SAMPLE_SITE_ASSETS)).toMatchObject({ made: true });
    expect((await docker(engine, 'images', '-q', SAMPLE_SITE_IMAGE)).trim()).not.toBe('');
  });

  it('says which file is missing when the shipped files are not there, and makes nothing', async () => {
    await docker(engine, 'rmi', SAMPLE_SITE_IMAGE);
    await expect(ensureSampleSite(client, '/nonexistent/sample-site')).rejects.toMatchObject({
      envelope: { message: expect.stringContaining('/nonexistent/sample-site/busybox-') },
    });
    expect((await docker(engine, 'images', '-q', SAMPLE_SITE_IMAGE)).trim()).toBe('');
  });
});
