// Files that cross the faces: a download (a log, `docker export`, later `docker
// save`, `docker cp` out, a volume's tar) or an upload (`docker load`, later
// `docker cp` in, a volume import). The page asks for a ticket over the
// contract; the file itself then travels outside the frames, streamed end to
// end: in a browser through `/transfers/<id>` (its own download, or a `fetch`
// PUT), on the desktop to or from a file picked in the system dialog.
// Adding a kind means one entry here and one in electron/services/transfers.
import { z } from 'zod';
import type { ErrorEnvelope } from './errors.ts';
import { containerPath, containerRef, imageRef } from './refs.ts';
import { eventFilter, type EventFilter } from './events-channels.ts';

export type TransferDirection = 'download' | 'upload';

export interface TransferKinds {
  /** The managed engine's whole log file. */
  'engine.log': { args: Record<string, never>; direction: 'download' };
  /** `docker export`: a container's filesystem as a tar. */
  'containers.export': { args: { id: string }; direction: 'download' };
  /** `docker logs`: the whole log, stdout and stderr as the CLI prints them. */
  'containers.logs': { args: { id: string }; direction: 'download' };
  /** `docker load`: an image tar (from `docker save`); answers the names it loaded. */
  'images.load': { args: Record<string, never>; direction: 'upload'; result: { loaded: string[] } };
  /** `docker save A B`: one or more images in one tar (the legacy layout on dockerd 20.10). */
  'images.save': { args: { refs: string[] }; direction: 'download' };
  /** `docker cp NAME:PATH -`: a file or folder of a container, as a tar. */
  'containers.copyOut': { args: { id: string; path: string }; direction: 'download' };
  /**
   * `docker cp FILE NAME:FOLDER`: one file into a folder (wrapped into a tar on
   * the way); with `tar`, a tar unpacked there, as `docker cp - NAME:FOLDER`.
   */
  'containers.copyIn': {
    args: { id: string; path: string; tar?: boolean };
    direction: 'upload';
    result: { path: string };
  };
  /** A build context the browser made from a folder (a tar): unpacked on Berth's machine for `images.build`. */
  'images.buildContextUpload': {
    args: Record<string, never>;
    direction: 'upload';
    result: { context: string };
  };
  /** The events log as JSON lines, one engine event a line as the engine sent it, filtered as the page is. */
  'events.export': { args: EventFilter; direction: 'download' };
}

export type TransferKind = keyof TransferKinds;

export type TransferRequest = {
  [K in TransferKind]: {
    kind: K;
    args: TransferKinds[K]['args'];
    /** The page's guess of a download's size (a save's images added up), for its progress. */
    estimatedBytes?: number;
  };
}[TransferKind];

interface TransferKindSpec<K extends TransferKind> {
  args: z.ZodType<TransferKinds[K]['args']>;
  direction: TransferKinds[K]['direction'];
  /** The name a download is saved under, or an upload's usual name. */
  fileName(args: TransferKinds[K]['args']): string;
  contentType: string;
}

const none: z.ZodType<Record<string, never>> = z.strictObject({});

export const transferKinds: { [K in TransferKind]: TransferKindSpec<K> } = {
  'engine.log': {
    args: none,
    direction: 'download',
    fileName: () => 'engine.log',
    contentType: 'text/plain; charset=utf-8',
  },
  'containers.export': {
    args: z.strictObject({ id: containerRef }),
    direction: 'download',
    fileName: ({ id }) => `${id.replace(/^\//, '')}.tar`,
    contentType: 'application/x-tar',
  },
  'containers.logs': {
    args: z.strictObject({ id: containerRef }),
    direction: 'download',
    fileName: ({ id }) => `${id.replace(/^\//, '')}.log`,
    contentType: 'text/plain; charset=utf-8',
  },
  'images.load': {
    args: none,
    direction: 'upload',
    fileName: () => 'image.tar',
    contentType: 'application/x-tar',
  },
  'images.save': {
    args: z.strictObject({ refs: z.array(imageRef).min(1).max(1000) }),
    direction: 'download',
    fileName: ({ refs }) =>
      refs.length === 1
        ? `${refs[0]!.replace(/^sha256:/, '').replace(/[/:@]/g, '_')}.tar`
        : 'images.tar',
    contentType: 'application/x-tar',
  },
  'containers.copyOut': {
    args: z.strictObject({ id: containerRef, path: containerPath }),
    direction: 'download',
    fileName: ({ id, path }) => `${path.split('/').findLast(Boolean) ?? id.replace(/^\//, '')}.tar`,
    contentType: 'application/x-tar',
  },
  'containers.copyIn': {
    args: z.strictObject({ id: containerRef, path: containerPath, tar: z.boolean().optional() }),
    direction: 'upload',
    fileName: ({ tar }) => (tar ? 'files.tar' : 'file'),
    // Any file: this is also the chooser's filter.
    contentType: '*/*',
  },
  'images.buildContextUpload': {
    args: none,
    direction: 'upload',
    fileName: () => 'context.tar',
    contentType: 'application/x-tar',
  },
  'events.export': {
    args: eventFilter,
    direction: 'download',
    fileName: () => 'events.jsonl',
    contentType: 'application/x-ndjson; charset=utf-8',
  },
};

function requestOf<K extends TransferKind>(kind: K) {
  return z.strictObject({
    kind: z.literal(kind),
    args: transferKinds[kind].args,
    estimatedBytes: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
  });
}

const transferRequest = z.discriminatedUnion('kind', [
  requestOf('engine.log'),
  requestOf('containers.export'),
  requestOf('containers.logs'),
  requestOf('images.load'),
  requestOf('images.save'),
  requestOf('containers.copyOut'),
  requestOf('containers.copyIn'),
  requestOf('images.buildContextUpload'),
  requestOf('events.export'),
]) satisfies z.ZodType<TransferRequest>;

/** One transfer, once, for a minute: `/transfers/<id>` in the browser face. */
export interface TransferTicket {
  id: string;
  kind: TransferKind;
  direction: TransferDirection;
  fileName: string;
  contentType: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

/** A ticket's id: 32 random bytes in base64url, checked before any face looks it up. */
export const transferTicketId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'not a transfer ticket id (43 letters, digits, - or _)');

/** What an upload's PUT answers (JSON). */
export type UploadReply = { ok: true; value: unknown } | { ok: false; error: ErrorEnvelope };

export interface TransferCalls {
  'transfers.open': { args: [request: TransferRequest]; result: TransferTicket };
}

export const transferCallArgs: {
  [K in keyof TransferCalls]: z.ZodType<TransferCalls[K]['args']>;
} = {
  'transfers.open': z.tuple([transferRequest]),
};
