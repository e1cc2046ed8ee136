// The desktop face's file transfers, run through the preload's API and the
// main process's bridge with stand-ins for Electron (fake-desktop.testkit.ts):
// a ticket from `transfers.open` is saved to the file picked in the save
// dialog, or loaded from the file picked in the open dialog. The transfers are
// a real registry over stand-in kinds (stub-transfers.testkit.ts).
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC, type PreloadApi } from '../contract/preload-api.ts';
import type { TransferRequest, TransferTicket } from '../contract/transfers-channels.ts';
import {
  sha256Of,
  stubTransfers,
  type StubKinds,
} from '../services/transfers/stub-transfers.testkit.ts';
import { fakeDesktop, WINDOW } from './fake-desktop.testkit.ts';
import {
  FakeWebContents,
  fakeIpcRenderer,
  PAGE_URL,
  type SenderIdentity,
} from './fake-electron.testkit.ts';

let dir: string;
const disposers: (() => void)[] = [];
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'berth-desktop-files-'))));
afterEach(async () => {
  vi.restoreAllMocks();
  for (const dispose of disposers.splice(0)) dispose();
  await rm(dir, { recursive: true, force: true });
});

const LOG: TransferRequest = { kind: 'engine.log', args: {} };
const LOAD: TransferRequest = { kind: 'images.load', args: {} };

/** The desktop window, with `transfers.open` answered by a registry over stand-in kinds. */
function desktop(kinds: StubKinds = {}) {
  const transfers = stubTransfers(kinds);
  const d = fakeDesktop({ calls: { 'transfers.open': (r) => transfers.open(r) }, transfers });
  disposers.push(d.dispose);
  /** A ticket, asked for as the renderer asks: a call over the bridge. */
  const ticket = async (request: TransferRequest, api: PreloadApi = d.api) => {
    const reply = await api.call('transfers.open', [request]);
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.value as TransferTicket;
  };
  return { ...d, ticket };
}

describe('desktop downloads through the save dialog', { timeout: 30_000 }, () => {
  it('saves a ticket to the file picked in the dialog, byte for byte', async () => {
    const bytes = randomBytes(2 * 1024 * 1024 + 3);
    const d = desktop({
      download: () => Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]),
    });
    const target = join(dir, 'saved.log');
    d.dialog.choose(target);
    const { id } = await d.ticket(LOG);
    expect(await d.api.saveTransferToFile(id)).toEqual({ ok: true, value: target });
    expect((await readFile(target)).equals(bytes)).toBe(true);
    expect(d.dialog.saved).toEqual([{ window: WINDOW, options: { defaultPath: 'engine.log' } }]);
  });

  it('answers null when the dialog is cancelled, and writes nothing', async () => {
    const d = desktop();
    d.dialog.cancel();
    const { id } = await d.ticket(LOG);
    expect(await d.api.saveTransferToFile(id)).toEqual({ ok: true, value: null });
    expect(d.dialog.saved).toHaveLength(1);
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a used, an unknown and an upload ticket without showing a dialog', async () => {
    const d = desktop();
    d.dialog.choose(join(dir, 'engine.log'));
    const { id } = await d.ticket(LOG);
    expect(await d.api.saveTransferToFile(id)).toMatchObject({ ok: true });
    expect(await d.api.saveTransferToFile(id)).toEqual({
      ok: false,
      error: {
        kind: 'not-found',
        message: 'This transfer link was already used or has expired (links last a minute).',
        hint: 'Start the download or upload again.',
      },
    });
    expect(await d.api.saveTransferToFile('A'.repeat(43))).toEqual({
      ok: false,
      error: { kind: 'not-found', message: 'This transfer link is not known.' },
    });
    const upload = await d.ticket(LOAD);
    expect(await d.api.saveTransferToFile(upload.id)).toEqual({
      ok: false,
      error: { kind: 'bad-request', message: 'This transfer link goes the other way.' },
    });
    expect(d.dialog.saved).toHaveLength(1);
  });

  it("answers a file it cannot write with the file's words, never an exception", async () => {
    const d = desktop();
    const target = join(dir, 'no-such-folder', 'engine.log');
    d.dialog.choose(target);
    const { id } = await d.ticket(LOG);
    expect(await d.api.saveTransferToFile(id)).toEqual({
      ok: false,
      error: {
        kind: 'not-found',
        message: `Couldn't write ${target}: the folder does not exist.`,
        hint: 'Pick another place to save it.',
      },
    });
  });

  it('answers a download that breaks off with an envelope, and leaves no partial file', async () => {
    const d = desktop({
      download: () =>
        Readable.from(
          (async function* () {
            yield Buffer.from('the first half');
            throw new Error('the engine went away');
          })(),
        ),
    });
    d.dialog.choose(join(dir, 'engine.log'));
    const { id } = await d.ticket(LOG);
    const reply = await d.api.saveTransferToFile(id);
    expect(reply).toMatchObject({ ok: false, error: { message: /the engine went away/ } });
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('desktop uploads through the open dialog', { timeout: 30_000 }, () => {
  it("streams the file picked in the dialog into the ticket's consumer", async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 5);
    const source = join(dir, 'image.tar');
    await writeFile(source, bytes);
    const d = desktop();
    d.dialog.choose(source);
    const { id } = await d.ticket(LOAD);
    expect(await d.api.uploadTransferFromFile(id)).toEqual({
      ok: true,
      value: { result: { loaded: [await sha256Of([bytes])] } },
    });
    expect(d.dialog.opened).toEqual([{ window: WINDOW, options: { properties: ['openFile'] } }]);
  });

  it('answers null when the dialog is cancelled, and never starts the consumer', async () => {
    let consumed = 0;
    const d = desktop({
      consume: async () => {
        consumed++;
        return { loaded: [] };
      },
    });
    d.dialog.cancel();
    const { id } = await d.ticket(LOAD);
    expect(await d.api.uploadTransferFromFile(id)).toEqual({ ok: true, value: null });
    expect(consumed).toBe(0);
  });

  it("answers the consumer's failure and a file it cannot read as envelopes", async () => {
    const d = desktop({
      consume: async (body) => {
        await sha256Of(body);
        throw new Error('unexpected EOF');
      },
    });
    const source = join(dir, 'image.tar');
    await writeFile(source, 'not a tar');
    d.dialog.choose(source);
    const first = await d.ticket(LOAD);
    expect(await d.api.uploadTransferFromFile(first.id)).toMatchObject({
      ok: false,
      error: { message: /^Couldn't upload the file: .*unexpected EOF/ },
    });
    const missing = join(dir, 'gone.tar');
    d.dialog.choose(missing);
    const second = await d.ticket(LOAD);
    expect(await d.api.uploadTransferFromFile(second.id)).toEqual({
      ok: false,
      error: {
        kind: 'not-found',
        message: `Couldn't read ${missing}: there is no such file.`,
        hint: 'Pick another file.',
      },
    });
  });
});

describe('desktop uploads of dropped files', { timeout: 30_000 }, () => {
  it("streams a dropped file from its path into the ticket's consumer, with no dialog", async () => {
    const bytes = randomBytes(1024 * 1024 + 3);
    const source = join(dir, 'dropped.tar');
    await writeFile(source, bytes);
    const d = desktop();
    const { id } = await d.ticket(LOAD);
    expect(await d.api.uploadDroppedFile(id, { path: source })).toEqual({
      ok: true,
      value: { result: { loaded: [await sha256Of([bytes])] } },
    });
    expect(d.dialog.opened).toEqual([]);
  });

  it('refuses a file without a path (made by the page) before its ticket is used', async () => {
    const d = desktop();
    const { id } = await d.ticket(LOAD);
    for (const file of [{}, { path: 'relative/file' }, new Blob(['x'])]) {
      expect(await d.api.uploadDroppedFile(id, file)).toMatchObject({
        ok: false,
        error: { kind: 'bad-request', message: /^Couldn't upload the file: only files dropped/ },
      });
    }
    const source = join(dir, 'image.tar');
    await writeFile(source, 'tar');
    expect(await d.api.uploadDroppedFile(id, { path: source })).toMatchObject({ ok: true });
  });

  it('refuses a stranger, and answers an unreadable path with its own words', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const d = desktop();
    const { id } = await d.ticket(LOAD);
    const stranger = d.apiFrom({ url: 'https://example.com/' });
    const missing = join(dir, 'gone.tar');
    expect(await stranger.uploadDroppedFile(id, { path: missing })).toEqual({
      ok: false,
      error: { kind: 'bad-request', message: 'Refused: unknown sender.' },
    });
    expect(await d.api.uploadDroppedFile(id, { path: missing })).toMatchObject({
      ok: false,
      error: { kind: 'not-found', message: `Couldn't read ${missing}: there is no such file.` },
    });
  });
});

describe('file transfer checks', { timeout: 30_000 }, () => {
  const strangers: [string, SenderIdentity][] = [
    ['another webContents', { sender: new FakeWebContents() }],
    ['a subframe', { parent: { url: PAGE_URL } }],
    ['an untrusted URL', { url: 'https://example.com/' }],
  ];

  for (const [who, identity] of strangers) {
    it(`refuses saving and uploading for ${who}, and leaves the tickets usable`, async () => {
      const warnings: string[] = [];
      vi.spyOn(console, 'warn').mockImplementation((text: string) => void warnings.push(text));
      const d = desktop();
      const stranger = d.apiFrom(identity);
      const download = await d.ticket(LOG);
      const upload = await d.ticket(LOAD);
      const refused = {
        ok: false,
        error: { kind: 'bad-request', message: 'Refused: unknown sender.' },
      };
      expect(await stranger.saveTransferToFile(download.id)).toEqual(refused);
      expect(await stranger.uploadTransferFromFile(upload.id)).toEqual(refused);
      expect(d.dialog.saved).toEqual([]);
      expect(d.dialog.opened).toEqual([]);
      expect(warnings).toHaveLength(2);

      const source = join(dir, 'image.tar');
      await writeFile(source, 'tar');
      d.dialog.choose(source);
      expect(await d.api.uploadTransferFromFile(upload.id)).toMatchObject({ ok: true });
      d.dialog.choose(join(dir, 'engine.log'));
      expect(await d.api.saveTransferToFile(download.id)).toMatchObject({ ok: true });
    });
  }

  const malformed: [string, unknown][] = [
    ['a number', 42],
    ['null', null],
    ['an object', { id: 'A'.repeat(43) }],
    ['an empty string', ''],
    ['a short id', 'A'.repeat(42)],
    ['a long id', 'A'.repeat(44)],
    ['a path', `../../${'A'.repeat(37)}`],
    ['a megabyte', 'A'.repeat(1 << 20)],
  ];

  it('answers a malformed ticket id with bad-request, before any dialog', async () => {
    const d = desktop();
    const ipc = fakeIpcRenderer(d.ipcMain, d.contents);
    for (const channel of [IPC.saveTransfer, IPC.uploadTransfer, IPC.uploadDropped]) {
      for (const [what, id] of malformed) {
        const reply = (await ipc.invoke(channel, id)) as {
          ok: boolean;
          error: { kind: string; message: string };
        };
        expect({ what, reply }).toMatchObject({
          what,
          reply: { ok: false, error: { kind: 'bad-request' } },
        });
        expect(reply.error.message).toMatch(/^Couldn't (save|upload) the file: /);
        expect(reply.error.message.length).toBeLessThan(200);
      }
    }
    expect(d.dialog.saved).toEqual([]);
    expect(d.dialog.opened).toEqual([]);
  });
});
