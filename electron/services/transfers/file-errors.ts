// A file the user picked could not be written or read. Said in words about
// that file: left to toErrorEnvelope, ENOENT or EACCES would read as the
// engine's socket being gone or closed to us.
import { ContractError, type ErrorEnvelope } from '../../contract/errors.ts';

const REASONS: Record<string, [ErrorEnvelope['kind'], string]> = {
  ENOENT: ['not-found', 'the folder does not exist'],
  ENOTDIR: ['not-found', 'the folder does not exist'],
  EACCES: ['permission-denied', 'permission denied'],
  EPERM: ['permission-denied', 'permission denied'],
  EROFS: ['permission-denied', 'the disk is read-only'],
  EISDIR: ['bad-request', 'it is a folder'],
  ENOSPC: ['internal', 'the disk is full'],
};

export function fileError(doing: 'write' | 'read', path: string, err: unknown): ContractError {
  const code = (err as { code?: unknown } | null)?.code;
  const known = typeof code === 'string' ? REASONS[code] : undefined;
  const [kind, reason] =
    doing === 'read' && code === 'ENOENT'
      ? (['not-found', 'there is no such file'] as const)
      : (known ?? ['internal', err instanceof Error ? err.message : String(err)]);
  return new ContractError({
    kind,
    message: `Couldn't ${doing} ${path}: ${reason}.`,
    hint: doing === 'write' ? 'Pick another place to save it.' : 'Pick another file.',
  });
}

/** An operating system call failed (open, write, read...), as opposed to a stream being cut short. */
export function isSystemError(err: unknown): boolean {
  return typeof (err as { syscall?: unknown } | null)?.syscall === 'string';
}
