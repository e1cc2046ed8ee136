// Which way a transfer goes in each face, against a stand-in face that records
// the steps: the desktop redeems the ticket through the preload, the browser
// through its own download, chooser and fetch.
import { describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '../../electron/contract/errors.ts';
import type { IpcReply } from '../../electron/contract/preload-api.ts';
import type {
  TransferRequest,
  TransferTicket,
} from '../../electron/contract/transfers-channels.ts';
import { uploadOutcome } from './browser-files.ts';
import {
  acceptFor,
  startDownload,
  startUpload,
  uploadDroppedFile,
  type TransferFace,
} from './transfers.ts';

const LOG: TransferRequest = { kind: 'engine.log', args: {} };
const LOAD = { kind: 'images.load', args: {} } as const;
const REFUSED: ErrorEnvelope = { kind: 'not-found', message: 'This transfer link is not known.' };

interface Replies {
  save?: IpcReply<string | null>;
  upload?: IpcReply<{ result: unknown } | null>;
  picked?: Blob | null;
}

function face(where: 'desktop' | 'browser', replies: Replies = {}) {
  const steps: string[] = [];
  let n = 0;
  const f: TransferFace = {
    open: async (request) => {
      const id = `ticket-${++n}`;
      steps.push(`open ${request.kind} -> ${id}`);
      return { id, fileName: 'file' } as TransferTicket;
    },
    desktop:
      where === 'desktop'
        ? {
            saveTransferToFile: async (id) => {
              steps.push(`save ${id}`);
              return replies.save ?? { ok: true, value: '/home/me/engine.log' };
            },
            uploadTransferFromFile: async (id) => {
              steps.push(`upload ${id}`);
              return replies.upload ?? { ok: true, value: { result: { loaded: ['a:1'] } } };
            },
            uploadDroppedFile: async (id, file) => {
              steps.push(`upload dropped ${(file as File).name} ${id}`);
              return replies.upload ?? { ok: true, value: { result: { path: '/data/a.txt' } } };
            },
          }
        : undefined,
    browser: {
      download: (ticket) => void steps.push(`browser download ${ticket.id}`),
      pickFile: async (accept) => {
        steps.push(`browser pick ${accept}`);
        return replies.picked === undefined ? new Blob(['tar']) : replies.picked;
      },
      upload: async (ticket, file) => {
        steps.push(`browser put ${ticket.id}${file instanceof File ? ` ${file.name}` : ''}`);
        return { loaded: ['b:2'] };
      },
    },
  };
  return { face: f, steps };
}

describe('startDownload', () => {
  it('has the desktop save the ticket through the preload, not the browser', async () => {
    const { face: f, steps } = face('desktop');
    await startDownload(LOG, f);
    expect(steps).toEqual(['open engine.log -> ticket-1', 'save ticket-1']);
  });

  it("throws the desktop's refusal as a ContractError, and takes a cancel quietly", async () => {
    const refused = face('desktop', { save: { ok: false, error: REFUSED } });
    await expect(startDownload(LOG, refused.face)).rejects.toMatchObject({ envelope: REFUSED });
    const cancelled = face('desktop', { save: { ok: true, value: null } });
    await expect(startDownload(LOG, cancelled.face)).resolves.toBeUndefined();
  });

  it("lets the browser download the ticket's link itself", async () => {
    const { face: f, steps } = face('browser');
    await startDownload(LOG, f);
    expect(steps).toEqual(['open engine.log -> ticket-1', 'browser download ticket-1']);
  });
});

describe('uploadDroppedFile', () => {
  const COPY_IN = { kind: 'containers.copyIn', args: { id: 'box', path: '/data' } } as const;
  const file = new File(['hi'], 'a.txt');

  it('has the desktop read the dropped file through the preload, with no dialog', async () => {
    const { face: f, steps } = face('desktop');
    expect(await uploadDroppedFile(COPY_IN, file, f)).toEqual({ path: '/data/a.txt' });
    expect(steps).toEqual(['open containers.copyIn -> ticket-1', 'upload dropped a.txt ticket-1']);
  });

  it('throws the desktop refusal, and has the browser PUT the File itself', async () => {
    const refused = face('desktop', { upload: { ok: false, error: REFUSED } });
    await expect(uploadDroppedFile(COPY_IN, file, refused.face)).rejects.toMatchObject({
      envelope: REFUSED,
    });
    const { face: f, steps } = face('browser');
    await uploadDroppedFile(COPY_IN, file, f);
    expect(steps).toEqual(['open containers.copyIn -> ticket-1', 'browser put ticket-1 a.txt']);
  });
});

describe('startUpload', () => {
  it("has the desktop load the ticket from its open dialog, answering the upload's result", async () => {
    const { face: f, steps } = face('desktop');
    expect(await startUpload(LOAD, f)).toEqual({ loaded: ['a:1'] });
    expect(steps).toEqual(['open images.load -> ticket-1', 'upload ticket-1']);
  });

  it('answers null when the desktop dialog is cancelled, and throws a refusal', async () => {
    expect(
      await startUpload(LOAD, face('desktop', { upload: { ok: true, value: null } }).face),
    ).toBe(null);
    await expect(
      startUpload(LOAD, face('desktop', { upload: { ok: false, error: REFUSED } }).face),
    ).rejects.toMatchObject({ envelope: REFUSED });
  });

  it('has the browser pick the file before asking for a ticket, then PUT it', async () => {
    const { face: f, steps } = face('browser');
    expect(await startUpload(LOAD, f)).toEqual({ loaded: ['b:2'] });
    expect(steps).toEqual([
      'browser pick .tar,application/x-tar',
      'open images.load -> ticket-1',
      'browser put ticket-1',
    ]);
  });

  it('asks for no ticket when the browser chooser is cancelled', async () => {
    const { face: f, steps } = face('browser', { picked: null });
    expect(await startUpload(LOAD, f)).toBeNull();
    expect(steps).toEqual(['browser pick .tar,application/x-tar']);
  });

  it("filters the chooser by the kind's usual extension and content type", () => {
    expect(acceptFor(LOAD)).toBe('.tar,application/x-tar');
  });
});

describe('onTicket', () => {
  it('hands the ticket over before either face redeems it, so its progress can be followed', async () => {
    for (const where of ['desktop', 'browser'] as const) {
      const { face: f, steps } = face(where);
      const follow = (t: TransferTicket) => void steps.push(`follow ${t.id}`);
      await startDownload(LOG, f, follow);
      await startUpload(LOAD, f, follow);
      const redeemed = steps.filter((s) => /^(save|upload|browser (download|put))/.test(s));
      expect(steps.filter((s) => s.startsWith('follow'))).toEqual([
        'follow ticket-1',
        'follow ticket-2',
      ]);
      for (const [i, step] of redeemed.entries())
        expect(steps.indexOf(`follow ticket-${i + 1}`)).toBeLessThan(steps.indexOf(step));
    }
  });
});

describe('uploadOutcome', () => {
  it("answers the route's value, and throws its envelope", () => {
    expect(uploadOutcome(200, '{"ok":true,"value":{"loaded":["x:1"]}}')).toEqual({
      loaded: ['x:1'],
    });
    expect(() => uploadOutcome(410, JSON.stringify({ ok: false, error: REFUSED }))).toThrow(
      expect.objectContaining({ envelope: REFUSED }),
    );
  });

  it('says plainly when the answer is not the route’s', () => {
    for (const [status, text] of [
      [502, '<html>Bad gateway</html>'],
      [200, '{"ok":true}'],
      [500, '{"ok":false,"error":"boom"}'],
    ] as const) {
      expect(() => uploadOutcome(status, text)).toThrow(
        `The upload ended with an answer Berth does not understand (HTTP ${status}).`,
      );
    }
  });
});
