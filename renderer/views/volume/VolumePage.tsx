// One volume's files: a tree read folder by folder through a short-lived
// helper container, Download (a file or folder, as a tar), Upload (a file
// into the selected folder, or files dropped on a folder), Export and Import of the whole volume, each with
// its bytes counted, and the `docker` lines behind them.
import { useCallback, useEffect, useState } from 'react';
import {
  HELPER_NAME_PREFIX,
  type HelperImage,
} from '../../../electron/contract/volume-files-channels.ts';
import { getClient } from '../../client/contract-client.ts';
import { startDownload, startUpload, uploadDroppedFile } from '../../client/transfers.ts';
import { EngineErrorAlert } from '../../components/EngineErrorAlert.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ShowCommand } from '../../components/ShowCommand.tsx';
import { TransferProgressBar } from '../../components/TransferProgressBar.tsx';
import { Term } from '../../glossary/Term.tsx';
import { useCliTarget } from '../../stores/cli-target.ts';
import { useVolumesStore } from '../../stores/volumes-store.ts';
import { useCall } from '../../use-call.ts';
import { isMoving, isQuietCancel, useTransferProgress } from '../../use-transfer-progress.ts';
import { FileTree } from '../container/files/FileTree.tsx';
import { folderRefusal, type Dropped } from '../container/files/dropped-files.ts';
import { browseRows, parentPath } from '../container/files/files-tree.ts';
import { useFileDrop } from '../container/files/use-file-drop.ts';
import '../container/files/file-drop.css';
import { useFolderTree } from '../container/files/use-folder-tree.ts';
import { VolumeArchiveButtons } from './VolumeArchiveButtons.tsx';
import { volumeCommandLines } from './volume-commands.ts';

export function VolumePage({ name }: { name: string }) {
  const listFolder = useCallback(
    (path: string) => getClient().call('volumes.listDir', { name, path }),
    [name],
  );
  const tree = useFolderTree(listFolder);
  const volume = useVolumesStore((s) => s.byId[name]);
  const listed = useVolumesStore((s) => s.loaded);
  const { selected } = tree;
  const [helper, setHelper] = useState<HelperImage | null>(null);
  const [uploaded, setUploaded] = useState<string | null>(null);
  const [uploadName, setUploadName] = useState<string | null>(null);
  const [doing, setDoing] = useState<string | null>(null);
  const [dropped, setDropped] = useState<{ into: string; at: number; of: number } | null>(null);
  const { busy, failure, run } = useCall();
  const { progress, follow, clear } = useTransferProgress();
  const target = useCliTarget();

  useEffect(() => {
    getClient()
      .call('volumes.helperImage')
      .then(setHelper, () => setHelper(null));
  }, [name]);

  const rows = browseRows(tree.folders, tree.open);
  const row = rows.find((r) => r.path === selected);
  // Uploads go into the selected folder, or the folder of the selected file.
  const folder = row?.entry?.type === 'dir' || selected === '/' ? selected : parentPath(selected);

  const download = () =>
    void run(async () => {
      clear();
      setDoing(`Downloading ${selected}`);
      await startDownload(
        { kind: 'volumes.copyOut', args: { name, path: selected } },
        undefined,
        follow,
      );
    });
  // The button's file (picked), or the files dropped on a folder row or the tree, one ticket each.
  const upload = (into: string, files?: File[]) =>
    void run(async () => {
      clear();
      setUploaded(null);
      setDoing(`Uploading into ${into}`);
      const request = { kind: 'volumes.copyIn', args: { name, path: into } } as const;
      const paths: string[] = [];
      try {
        if (!files) {
          const done = await startUpload(request, undefined, follow);
          if (done) paths.push(done.path);
        }
        for (const [at, file] of (files ?? []).entries()) {
          setDropped({ into, at, of: files?.length ?? 0 });
          paths.push((await uploadDroppedFile(request, file)).path);
        }
      } finally {
        setDropped(null);
        const last = paths.at(-1);
        if (last) {
          setUploaded(paths.join(', '));
          setUploadName(last.slice(last.lastIndexOf('/') + 1));
          tree.load(into);
        }
      }
    });
  const onDrop = (into: string, { files, folders }: Dropped) => {
    if (busy) return;
    if (folders.length) void run(() => Promise.reject(new Error(folderRefusal(folders))));
    else if (files.length) upload(into, files);
  };
  const drop = useFileDrop(folder, onDrop);
  const failed =
    !failure && progress?.state === 'failed' && !isQuietCancel(progress) ? progress.error : null;
  const moving = isMoving(progress);

  if (listed && !volume) {
    return (
      <main aria-label={name} className="page">
        <a href="#/volumes">← Volumes</a>
        <p className="empty">There is no volume {name} on this engine.</p>
      </main>
    );
  }
  // Berth's own helpers mount it for a moment: not what "used by" means to the user.
  const usedBy = volume?.usedBy.filter((c) => !c.startsWith(`${HELPER_NAME_PREFIX}-`)) ?? [];
  return (
    <main aria-label={name} className="page">
      <a href="#/volumes">← Volumes</a>
      <header className="page-header">
        <div>
          <h1>{name}</h1>
          <p className="muted">
            <Term term="volume">Volume</Term>
            {volume && ` · ${volume.driver} · ${volume.mountpoint}`}
            {volume &&
              ` · ${usedBy.length ? `used by ${usedBy.join(', ')}` : 'not used by any container'}`}
          </p>
          <p className="muted">
            {helper?.image
              ? `Read through a short-lived helper container made from ${helper.image} (never started, removed after each action).`
              : ''}
          </p>
        </div>
        <VolumeArchiveButtons name={name} onImported={() => tree.load('/')} />
      </header>
      {helper && !helper.image && (
        <ErrorAlert message="Berth reads a volume's files through a short-lived helper container made from a local image, and this engine has no image at all.">
          <p>
            Pull or load a small image first (for example <code>docker pull busybox</code>, or Load
            image on the Images page with a busybox tar), then open this page again.
          </p>
        </ErrorAlert>
      )}
      <div className="toolbar">
        <button type="button" disabled={busy || moving} onClick={download}>
          Download
        </button>
        <button type="button" disabled={busy || moving} onClick={() => upload(folder)}>
          Upload
        </button>
        <span className="muted">
          Selected {selected}; uploads go into {folder}
        </span>
      </div>
      {moving && doing && (
        <TransferProgressBar label={doing} progress={progress} waiting="Starting…" />
      )}
      {dropped && (
        <p>
          <progress
            aria-label={`Uploading into ${dropped.into}`}
            max={dropped.of}
            value={dropped.at}
          />{' '}
          Uploading file {dropped.at + 1} of {dropped.of} into {dropped.into}…
        </p>
      )}
      {uploaded && (
        <p role="status" aria-label="Upload">
          Uploaded {uploaded}
        </p>
      )}
      {failure && <ErrorAlert message={failure} />}
      {failed && <EngineErrorAlert error={failed} />}
      <div className={drop.target ? 'file-drop dragging' : 'file-drop'} {...drop.handlers}>
        <FileTree
          rows={rows}
          selected={selected}
          onSelect={tree.setSelected}
          onToggle={tree.toggle}
          notes={tree.notes}
          label="Volume files"
          dropInto={drop.target}
        />
        {drop.target && (
          <p className="file-drop-hint">
            {busy ? 'Wait for the upload to finish' : `Drop to upload into ${drop.target}`}
          </p>
        )}
      </div>
      <ShowCommand
        command={(shell) => {
          const image = helper?.image ?? 'IMAGE';
          const lines = (title: string, action: Parameters<typeof volumeCommandLines>[2]) =>
            `# ${title}\n${volumeCommandLines(name, image, action, shell, target)}`;
          return [
            lines(`Download ${selected}`, { kind: 'download', path: selected }),
            lines(`Upload into ${folder}`, { kind: 'upload', folder, fileName: uploadName }),
            lines('Export', { kind: 'export' }),
            lines('Import (merges)', { kind: 'import' }),
          ].join('\n\n');
        }}
      />
    </main>
  );
}
