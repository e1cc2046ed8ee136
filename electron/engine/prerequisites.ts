// What the managed engine needs before anything else runs: root, dockerd and
// the ip command. Checked first so a missing piece fails in one second with
// the fix, not as an obscure error three steps later.

import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { ContractError } from '../contract/errors.ts';

/** Where Debian and friends keep daemons, which a user's PATH often lacks. */
const searchDirs = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** An absolute path to an executable `name`, from PATH and the sbin folders, or null. */
export async function findExecutable(name: string): Promise<string | null> {
  const dirs = [...(process.env.PATH ?? '').split(':').filter(Boolean), ...searchDirs];
  const candidates = path.isAbsolute(name) ? [name] : dirs.map((d) => path.join(d, name));
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (!['ENOENT', 'EACCES', 'ENOTDIR'].includes(code)) throw error;
    }
  }
  return null;
}

interface Prerequisites {
  dockerd: string;
  ip: string;
}

export async function checkPrerequisites(opts: {
  isRoot: () => boolean;
  dockerdPath?: string;
}): Promise<Prerequisites> {
  if (!opts.isRoot()) {
    throw new ContractError({
      kind: 'permission-denied',
      message: `The managed engine runs its own dockerd, which needs root; Berth runs as user ${process.getuid?.() ?? '?'}.`,
      hint: 'Start Berth as root, or install Docker (apt-get install docker.io), start it and add yourself to the docker group: Berth will find and use that engine.',
    });
  }
  const wanted = opts.dockerdPath ?? 'dockerd';
  const dockerd = await findExecutable(wanted);
  if (!dockerd) {
    throw new ContractError({
      kind: 'not-found',
      message: `dockerd not found (looked for ${wanted} on PATH and in ${searchDirs.join(', ')}).`,
      hint: 'Install it: apt-get install docker.io',
    });
  }
  const ip = await findExecutable('ip');
  if (!ip) {
    throw new ContractError({
      kind: 'not-found',
      message: 'The ip command was not found; the managed engine needs it to create its bridge.',
      hint: 'Install it: apt-get install iproute2',
    });
  }
  return { dockerd, ip };
}
