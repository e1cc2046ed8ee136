// The sample web site a beginner runs first, made on the engine from files
// Berth ships (assets/sample-site/: Debian's static busybox for amd64 and
// arm64, and a page that explains what happened), with `docker import`: no
// registry needed. Made again whenever it is missing (the user deleted it).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type Docker from 'dockerode';
import * as tar from 'tar-stream';
import { ContractError } from '../../contract/errors.ts';
import {
  SAMPLE_SITE_CHANGES,
  SAMPLE_SITE_IMAGE,
  type SampleSiteImage,
} from '../../contract/samples-channels.ts';
import { toErrorEnvelope } from '../engine-errors.ts';

/** Where the files are when Berth runs from its source tree (the browser face, tests). */
export const SAMPLE_SITE_ASSETS = fileURLToPath(
  new URL('../../../assets/sample-site', import.meta.url),
);

/** Enough of busybox for a web server and a beginner's shell; each a link to /bin/busybox. */
const APPLETS = [
  'sh', 'ash', 'httpd', 'ls', 'cat', 'echo', 'ps', 'top', 'sleep', 'date', 'vi', 'wget',
  'env', 'mkdir', 'rm', 'cp', 'mv', 'kill', 'uname', 'hostname', 'id', 'pwd', 'grep',
  'head', 'tail', 'less', 'more', 'find', 'du', 'df', 'free', 'ln', 'chmod', 'touch',
  'sed', 'awk', 'sort', 'uniq', 'wc', 'which', 'whoami', 'clear', 'netstat', 'ip',
  'ping', 'nslookup', 'printf', 'seq', 'yes', 'true', 'false', 'test', '[',
]; // prettier-ignore

/** The engine's architecture (`docker info`) as the name of a shipped busybox. */
export function busyboxFor(engineArch: string): 'amd64' | 'arm64' | null {
  const arch = engineArch.toLowerCase();
  if (arch === 'x86_64' || arch === 'amd64') return 'amd64';
  if (arch === 'aarch64' || arch === 'arm64') return 'arm64';
  return null;
}

/** One of the files Berth ships; a missing one is a broken install, said so (not an engine fault). */
async function shipped(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    throw new ContractError({
      kind: 'internal',
      message: `A file of Berth's sample site is missing: ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)}). Reinstalling Berth puts it back.`,
    });
  }
}

/** The image's file system as a tar: busybox, its links, the page, a /tmp. */
export async function sampleSiteTar(assets: string, arch: 'amd64' | 'arm64'): Promise<Buffer> {
  const busybox = await shipped(path.join(assets, `busybox-${arch}`));
  const page = await shipped(path.join(assets, 'www', 'index.html'));
  const pack = tar.pack();
  const dir = (name: string, mode = 0o755) => pack.entry({ name, type: 'directory', mode });
  dir('bin');
  pack.entry({ name: 'bin/busybox', mode: 0o755 }, busybox);
  for (const applet of APPLETS) {
    pack.entry({ name: `bin/${applet}`, type: 'symlink', linkname: 'busybox', mode: 0o777 });
  }
  dir('www');
  pack.entry({ name: 'www/index.html', mode: 0o644 }, page);
  dir('tmp', 0o1777);
  dir('root', 0o700);
  // A user database, so `whoami`, `ps` and a shell's prompt know who root is.
  dir('etc');
  pack.entry({ name: 'etc/passwd', mode: 0o644 }, 'root:x:0:0:root:/root:/bin/sh\n');
  pack.entry({ name: 'etc/group', mode: 0o644 }, 'root:x:0:\n');
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function imageId(docker: Docker, ref: string): Promise<string | null> {
  try {
    return ((await docker.getImage(ref).inspect()) as { Id: string }).Id;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return null;
    throw err;
  }
}

/** Reads an import's progress to its end; its error, if any, in the engine's words. */
async function importOutcome(progress: NodeJS.ReadableStream): Promise<void> {
  let text = '';
  for await (const chunk of progress as AsyncIterable<Buffer>) text += chunk.toString('utf8');
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const message = JSON.parse(line) as { error?: string; errorDetail?: { message?: string } };
    const error = message.errorDetail?.message ?? message.error;
    if (error)
      throw new ContractError({
        kind: 'engine',
        message: `The engine refused the sample image: ${error}`,
        engineMessage: error,
      });
  }
}

/** The sample image, made from `assets` when the engine does not have it. */
export async function ensureSampleSite(docker: Docker, assets: string): Promise<SampleSiteImage> {
  try {
    const found = await imageId(docker, SAMPLE_SITE_IMAGE);
    if (found) return { image: SAMPLE_SITE_IMAGE, id: found, made: false };
    const info = (await docker.info()) as { Architecture?: string };
    const arch = busyboxFor(info.Architecture ?? '');
    if (!arch) {
      throw new ContractError({
        kind: 'bad-request',
        message: `Berth ships the sample site for amd64 and arm64 engines; this engine is ${info.Architecture ?? 'of an unknown architecture'}.`,
      });
    }
    const archive = await sampleSiteTar(assets, arch);
    const [repo, tag] = SAMPLE_SITE_IMAGE.split(':') as [string, string];
    const progress = (await docker.importImage(Readable.from([archive]), {
      repo,
      tag,
      changes: SAMPLE_SITE_CHANGES,
    })) as NodeJS.ReadableStream;
    await importOutcome(progress);
    const made = await imageId(docker, SAMPLE_SITE_IMAGE);
    if (!made) {
      throw new ContractError({
        kind: 'engine',
        message: 'The engine took the sample image but does not list it.',
      });
    }
    return { image: SAMPLE_SITE_IMAGE, id: made, made: true };
  } catch (err) {
    if (err instanceof ContractError) throw err;
    throw new ContractError(toErrorEnvelope(err, "Couldn't make the sample site image"));
  }
}
