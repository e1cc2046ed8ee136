// One volume's files: a tree read folder by folder through a short-lived
// helper container, Download (a file or folder, as a tar), Upload (a file
// into the selected folder), Export and Import of the whole volume, each with
// its bytes counted, and the `docker` lines behind them.
import { useCallback, useEffect, useState } from 'react';
import type { HelperImage } from '../../../electron/contract/volume-files-channels.ts';
import { getClient } from '../../client/contract-client.ts';
import { startDownload, startUpload } from '../../client/transfers.ts';
import { EngineErrorAlert } from '../../components/EngineErrorAlert.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ShowCommand } from '../../components/ShowCommand.tsx';
import { TransferProgressBar } from '../../components/TransferProgressBar.tsx';
import { Term } from '../../glossary/Term.tsx';
import { useCliTarget } from '../../stores/cli-target.ts';
import { useCall } from '../../use-call.ts';
import { isMoving, isQuietCancel, useTransferProgress } from '../../use-transfer-progress.ts';
import { FileTree } from '../container/files/FileTree.tsx';
import { browseRows, parentPath } from '../container/files/files-tree.ts';
import { useFolderTree } from '../container/files/use-folder-tree.ts';
import { VolumeArchiveButtons } from './VolumeArchiveButtons.tsx';
import { volumeCommandLines } from './volume-commands.ts';

export function VolumePage({ name }: { name: string }) {
  const listFolder = useCallback(
    (path: string) => getClient().call('volumes.listDir', { name, path }),
    [name],
  );
  const tree = useFolderTree(listFolder);
  const { selected } = tree;
  const [helper, setHelper] = useState<HelperImage | null>(null);
  const [uploaded, setUploaded] = useState<string | null>(null);
  const [uploadName, setUploadName] = useState<string | null>(null);
  const [doing, setDoing] = useState<string | null>(null);
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
  const upload = () =>
    void run(async () => {
      clear();
      setUploaded(null);
      setDoing(`Uploading into ${folder}`);
      const done = await startUpload(
        { kind: 'volumes.copyIn', args: { name, path: folder } },
        undefined,
        follow,
      );
      if (done) {
        setUploaded(done.path);
        setUploadName(done.path.slice(done.path.lastIndexOf('/') + 1));
        tree.load(folder);
      }
    });
  const failed =
    !failure && progress?.state === 'failed' && !isQuietCancel(progress) ? progress.error : null;
  const moving = isMoving(progress);

  return (
    <main aria-label={name} className="page">
      <a href="#/volumes">← Volumes</a>
      <header className="page-header">
        <div>
          <h1>{name}</h1>
          <p className="muted">
            <Term term="volume">Volume</Term>
            {helper?.image
              ? ` · read through a short-lived helper container made from ${helper.image} (never started, removed after each action)`
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
        <button type="button" disabled={busy || moving} onClick={upload}>
          Upload
        </button>
        <span className="muted">
          Selected {selected}; uploads go into {folder}
        </span>
      </div>
      {moving && doing && (
        <TransferProgressBar label={doing} progress={progress} waiting="Starting…" />
      )}
      {uploaded && (
        <p role="status" aria-label="Upload">
          Uploaded {uploaded}
        </p>
      )}
      {failure && <ErrorAlert message={failure} />}
      {failed && <EngineErrorAlert error={failed} />}
      <FileTree
        rows={rows}
        selected={selected}
        onSelect={tree.setSelected}
        onToggle={tree.toggle}
        notes={tree.notes}
        label="Volume files"
      />
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
