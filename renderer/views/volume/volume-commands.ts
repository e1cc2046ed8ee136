// The docker commands behind a volume's page, as Berth runs them: a helper
// container made from a local image with the volume mounted (never started),
// `docker cp` through it, then its removal. Every value is quoted for the
// shell picked; the file a tar goes to or comes from is a redirection, which
// PowerShell 7.4+ keeps byte for byte (it has no `<`: the tar is piped in).
import {
  dockerCommandLine,
  quotePosix,
  quotePowerShell,
  type CliTarget,
  type Shell,
} from '../../../electron/contract/run-spec/run-command.ts';
import {
  HELPER_LABEL,
  HELPER_MOUNT,
  HELPER_NAME_PREFIX,
} from '../../../electron/contract/volume-files-channels.ts';

/** The helper's name in the lines shown (Berth's own add 8 hex digits, so two never collide). */
export const SHOWN_HELPER = HELPER_NAME_PREFIX;

export type VolumeAction =
  | { kind: 'download'; path: string }
  | { kind: 'upload'; folder: string; fileName: string | null }
  | { kind: 'export' }
  | { kind: 'import' };

/** The lines for one action: create the helper, copy, remove it. */
export function volumeCommandLines(
  volume: string,
  image: string,
  action: VolumeAction,
  shell: Shell,
  target: CliTarget,
): string {
  const docker = (...args: string[]) => dockerCommandLine(args, shell, target);
  const quote = shell === 'posix' ? quotePosix : quotePowerShell;
  const inHelper = (path: string) => `${SHOWN_HELPER}:${HELPER_MOUNT}${path === '/' ? '' : path}`;
  const writes = action.kind === 'upload' || action.kind === 'import';
  const create = docker(
    'create',
    '--name',
    SHOWN_HELPER,
    '--label',
    `${HELPER_LABEL}=${volume}`,
    '--network',
    'none',
    '-v',
    `${volume}:${HELPER_MOUNT}:${writes ? 'rw' : 'ro'},nocopy`,
    image,
    'true',
  );
  let copy: string;
  switch (action.kind) {
    case 'download': {
      const base = action.path.split('/').findLast(Boolean) ?? volume;
      copy = `${docker('cp', inHelper(action.path), '-')} > ${quote(`${base}.tar`)}`;
      break;
    }
    case 'upload': {
      const name = action.fileName ?? 'FILE';
      // `docker cp a:b …` would read a local name with a colon as a container's path.
      const local = name.includes(':') || name.startsWith('-') ? `./${name}` : name;
      copy = docker('cp', local, inHelper(action.folder));
      break;
    }
    case 'export':
      copy = `${docker('cp', `${inHelper('/')}/.`, '-')} > ${quote(`${volume}.tar`)}`;
      break;
    case 'import':
      copy =
        shell === 'posix'
          ? `${docker('cp', '-', inHelper('/'))} < ${quote(`${volume}.tar`)}`
          : `Get-Content -AsByteStream -ReadCount 0 -LiteralPath ${quote(`${volume}.tar`)} | ${docker('cp', '-', inHelper('/'))}`;
      break;
  }
  return [create, copy, docker('rm', SHOWN_HELPER)].join('\n');
}
