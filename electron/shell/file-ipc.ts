// The desktop face's files, through the system's own dialogs: a folder for a
// bind mount, and the file a transfer ticket is saved to or loaded from (the
// browser face uses /transfers/<id> instead). Like every handler of the bridge,
// each checks its sender before anything runs, and nothing is thrown across
// IPC: a failure goes back as the contract's error envelope.
import { isAbsolute } from 'node:path';
import { ContractError, type ErrorEnvelope } from '../contract/errors.ts';
import { IPC, type IpcReply } from '../contract/preload-api.ts';
import { transferTicketId } from '../contract/transfers-channels.ts';
import { toErrorEnvelope } from '../services/engine-errors.ts';
import { loadTransferFromFile } from '../services/transfers/load-from-file.ts';
import { saveTransferToFile } from '../services/transfers/save-to-file.ts';
import type { Transfers } from '../services/transfers/transfers.ts';
import { boundEnvelope } from '../transport/connection-bounds.ts';
import type { IpcMainApi, IpcSenderEvent } from './ipc-bridge.ts';

/** The parts of Electron's dialog the desktop face uses. */
export interface SystemDialog<W> {
  showOpenDialog(
    window: W,
    options: { properties: ('openDirectory' | 'openFile')[] },
  ): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(
    window: W,
    options: { defaultPath: string },
  ): Promise<{ canceled: boolean; filePath?: string }>;
}

interface FileIpcOptions<W> {
  ipcMain: Pick<IpcMainApi, 'handle' | 'removeHandler'>;
  dialog: SystemDialog<W>;
  /** The dialogs are attached to this window. */
  window: W;
  transfers: Transfers;
  /** The bridge's sender check (our window's top frame, our own page). */
  trusted(event: IpcSenderEvent): boolean;
}

export function handleFileIpc<W>({
  ipcMain,
  dialog,
  window,
  transfers,
  trusted,
}: FileIpcOptions<W>): () => void {
  const pickFile = async (properties: ('openDirectory' | 'openFile')[]) => {
    const picked = await dialog.showOpenDialog(window, { properties });
    return picked.canceled ? null : (picked.filePaths[0] ?? null);
  };

  ipcMain.handle(IPC.pickFolder, (event) => (trusted(event) ? pickFile(['openDirectory']) : null));

  ipcMain.handle(IPC.saveTransfer, (event, ticketId: unknown) =>
    redeem(trusted(event), ticketId, 'save the file', (id) =>
      saveTransferToFile(transfers, id, async (suggestedName) => {
        const picked = await dialog.showSaveDialog(window, { defaultPath: suggestedName });
        return picked.canceled || !picked.filePath ? null : picked.filePath;
      }),
    ),
  );

  ipcMain.handle(IPC.uploadTransfer, (event, ticketId: unknown) =>
    redeem(trusted(event), ticketId, 'upload the file', (id) =>
      loadTransferFromFile(transfers, id, () => pickFile(['openFile'])),
    ),
  );

  // The path comes from the preload (Electron's path of a File dropped from
  // the system), never from the page, which cannot reach ipcRenderer.
  ipcMain.handle(IPC.uploadDropped, (event, ticketId: unknown, path: unknown) =>
    redeem(trusted(event), ticketId, 'upload the file', async (id) => {
      const dropped = droppedPath(path);
      return loadTransferFromFile(transfers, id, async () => dropped);
    }),
  );

  return () => {
    ipcMain.removeHandler(IPC.pickFolder);
    ipcMain.removeHandler(IPC.saveTransfer);
    ipcMain.removeHandler(IPC.uploadTransfer);
    ipcMain.removeHandler(IPC.uploadDropped);
  };
}

/** Checks the sender, then the ticket id, before the ticket is looked up or a dialog shown. */
async function redeem<T>(
  trusted: boolean,
  ticketId: unknown,
  doing: string,
  run: (id: string) => Promise<T>,
): Promise<IpcReply<T>> {
  if (!trusted) return refused({ kind: 'bad-request', message: 'Refused: unknown sender.' });
  const parsed = transferTicketId.safeParse(ticketId);
  if (!parsed.success) {
    const problem = parsed.error.issues[0]?.message ?? 'not a transfer ticket id';
    return refused({ kind: 'bad-request', message: `Couldn't ${doing}: ${problem}.` });
  }
  try {
    return { ok: true, value: await run(parsed.data) };
  } catch (err) {
    return refused(toErrorEnvelope(err, `Couldn't ${doing}`));
  }
}

/** A dropped file's path, checked before its ticket is used. */
function droppedPath(path: unknown): string {
  if (typeof path !== 'string' || !isAbsolute(path) || path.length > 4096) {
    throw new ContractError({
      kind: 'bad-request',
      message:
        "Couldn't upload the file: only files dropped from your computer have a path to read.",
      hint: 'Drop a file from your file manager, or use Upload.',
    });
  }
  return path;
}

function refused(error: ErrorEnvelope): { ok: false; error: ErrorEnvelope } {
  return { ok: false, error: boundEnvelope(error) };
}
