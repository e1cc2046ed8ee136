// The registry: what each transfer kind does, independent of HTTP. A download
// gives a Readable (the engine's own response, paused when its reader is slow);
// an upload consumes one. The browser face pipes them to and from its route,
// the desktop face to and from a file the user picks.
import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { ContractError } from '../../contract/errors.ts';
import type { TransferKind, TransferKinds } from '../../contract/transfers-channels.ts';
import type { ManagedEngine } from '../managed-engine-port.ts';
import { checkCopyIn, checkCopyOut, copyIn, copyOut } from '../containers/files/container-copy.ts';
import { containerLogDownload } from '../containers/container-log-handlers.ts';
import { loadImage } from './load-image.ts';
import { uploadedContexts } from '../images/build/uploaded-contexts.ts';
import type { EventRing } from '../events/event-ring.ts';
import { exportEvents } from '../events/event-export.ts';

interface SaveImages {
  getImages(opts: { names: string[] }): Promise<unknown>;
}

type Args<K extends TransferKind> = TransferKinds[K]['args'];
type Result<K extends TransferKind> = TransferKinds[K] extends { result: infer R } ? R : never;

export interface DownloadHandler<A> {
  direction: 'download';
  /** Fails before a ticket is issued (a missing container), so the page can say so at once. */
  check?(args: A): Promise<void>;
  open(args: A): Promise<Readable>;
}

/** What the face knows of an uploaded file: a file wrapped into a tar needs both. */
export interface UploadedFile {
  name: string | null;
  size: number | null;
}

export interface UploadHandler<A, R> {
  direction: 'upload';
  check?(args: A): Promise<void>;
  consume(args: A, body: Readable, file: UploadedFile): Promise<R>;
}

export type TransferHandlers = {
  [K in TransferKind]: TransferKinds[K]['direction'] extends 'download'
    ? DownloadHandler<Args<K>>
    : UploadHandler<Args<K>, Result<K>>;
};

interface TransferDeps {
  /** The call client (with its request timeout), for quick checks. */
  calls(): Docker;
  /** The client without a socket timeout: a transfer is quiet while its reader is slow. */
  streams(): Docker;
  managed: ManagedEngine | null;
  /** The shown engine's events log (absent: no export). */
  eventLog?(): EventRing;
}

export function transferHandlers(deps: TransferDeps): TransferHandlers {
  const managed = (): ManagedEngine => {
    if (deps.managed) return deps.managed;
    throw new ContractError({
      kind: 'not-found',
      message: 'There is no managed engine, so no engine log.',
    });
  };
  return {
    'engine.log': {
      direction: 'download',
      check: async () => void managed(),
      open: () => managed().readLog(),
    },
    'containers.export': {
      direction: 'download',
      check: async ({ id }) => void (await deps.calls().getContainer(id).inspect()),
      open: async ({ id }) => (await deps.streams().getContainer(id).export()) as Readable,
    },
    'containers.logs': containerLogDownload(deps),
    'images.load': {
      direction: 'upload',
      consume: (_args, body) => loadImage(deps.streams(), body),
    },
    'images.save': {
      direction: 'download',
      // Every image must exist before the download starts: past its headers it can only be cut short.
      check: async ({ refs }) => {
        for (const ref of refs) await deps.calls().getImage(ref).inspect();
      },
      // dockerode has it (GET /images/get?names=…) but its types do not.
      open: async ({ refs }) =>
        (await (deps.streams() as unknown as SaveImages).getImages({ names: refs })) as Readable,
    },
    'containers.copyOut': {
      direction: 'download',
      check: (args) => checkCopyOut(deps.calls(), args),
      open: (args) => copyOut(deps.streams(), args),
    },
    'containers.copyIn': {
      direction: 'upload',
      check: (args) => checkCopyIn(deps.calls(), args),
      consume: (args, body, file) => copyIn(deps.streams(), args, body, file),
    },
    'images.buildContextUpload': {
      direction: 'upload',
      consume: (_args, body) => uploadedContexts.receive(body),
    },
    'events.export': {
      direction: 'download',
      open: async (filter) => {
        if (!deps.eventLog)
          throw new ContractError({ kind: 'not-found', message: 'There is no events log here.' });
        return exportEvents(deps.eventLog(), filter);
      },
    },
  };
}
