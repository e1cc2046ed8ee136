import { useCallback, useState } from 'react';
import type { FileChange } from '../../../../electron/contract/container-files-channels.ts';
import { describeFailure } from '../../../../electron/contract/errors.ts';
import { getClient } from '../../../client/contract-client.ts';
import { startDownload, startUpload, uploadDroppedFile } from '../../../client/transfers.ts';
import { CommandPreview } from '../../../components/CommandPreview.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useCliTarget } from '../../../stores/cli-target.ts';
import { useCall } from '../../../use-call.ts';
import { filesCommandLines } from './files-commands.ts';
import { browseRows, changeRows, parentPath, type TreeRow } from './files-tree.ts';
import { folderRefusal, type Dropped } from './dropped-files.ts';
import { FileTree } from './FileTree.tsx';
import { useFileDrop } from './use-file-drop.ts';
import { useFolderTree } from './use-folder-tree.ts';
import './file-drop.css';

/**
 * A container's filesystem: folders read as they are opened, `docker cp` out
 * (Download) and in (Upload, into the selected folder), and `docker diff`
 * (Changes only). Files dragged from the system onto the listing upload into
 * the folder uploads go into, or into the folder row they are dropped on.
 */
export function FilesTab({ id, name }: { id: string; name: string }) {
  const listFolder = useCallback(
    (path: string) => getClient().call('containers.listDir', { id, path }),
    [id],
  );
  const {
    folders,
    open,
    selected,
    setSelected,
    load,
    toggle: toggleFolder,
    notes,
  } = useFolderTree(listFolder);
  const [changesOnly, setChangesOnly] = useState(false);
  const [changes, setChanges] = useState<FileChange[] | null>(null);
  const [changesError, setChangesError] = useState<string | null>(null);
  const [showCommand, setShowCommand] = useState(false);
  const [uploaded, setUploaded] = useState<string | null>(null);
  const [uploadName, setUploadName] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ into: string; at: number; of: number } | null>(null);
  const { busy, failure, run } = useCall();
  const target = useCliTarget();

  const loadChanges = () => {
    getClient()
      .call('containers.diff', id)
      .then(
        (list) => (setChanges(list), setChangesError(null)),
        (err: unknown) => setChangesError(describeFailure(err)),
      );
  };

  const rows = changesOnly ? changeRows(changes ?? []) : browseRows(folders, open);
  const row = rows.find((r) => r.path === selected);
  // Upload goes into the selected folder, or the folder of the selected file.
  const folder =
    row?.entry?.type === 'dir' || selected === '/' || (changesOnly && row?.expandable)
      ? selected
      : parentPath(selected);

  const toggle = (r: TreeRow) => {
    if (!changesOnly) toggleFolder(r);
  };

  // The button's file (picked) or the files dropped, one ticket each, with one report.
  const upload = (into: string, files?: File[]) =>
    run(async () => {
      setUploaded(null);
      const request = { kind: 'containers.copyIn', args: { id, path: into } } as const;
      const paths: string[] = [];
      try {
        if (!files) {
          const done = await startUpload(request);
          if (done) paths.push(done.path);
        }
        for (const [at, file] of (files ?? []).entries()) {
          setProgress({ into, at, of: files?.length ?? 0 });
          paths.push((await uploadDroppedFile(request, file)).path);
        }
      } finally {
        setProgress(null);
        const last = paths.at(-1);
        if (last) {
          setUploaded(paths.join(', '));
          setUploadName(last.slice(last.lastIndexOf('/') + 1));
          load(into);
          if (changesOnly) loadChanges();
        }
      }
    });
  // While an upload runs the hint says to wait, and a drop does nothing.
  const onDrop = (into: string, { files, folders }: Dropped) => {
    if (busy) return;
    if (folders.length) void run(() => Promise.reject(new Error(folderRefusal(folders))));
    else if (files.length) void upload(into, files);
  };
  const drop = useFileDrop(folder, onDrop);
  const source = folders.get('/');
  return (
    <div className="files">
      <div className="toolbar">
        <label className="inline">
          <input
            type="checkbox"
            checked={changesOnly}
            onChange={(e) => {
              setChangesOnly(e.target.checked);
              if (e.target.checked) loadChanges();
            }}
          />{' '}
          Changes only
        </label>
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void run(() =>
              startDownload({ kind: 'containers.copyOut', args: { id, path: selected } }),
            )
          }
        >
          Download
        </button>
        <button type="button" disabled={busy} onClick={() => void upload(folder)}>
          Upload
        </button>
        <button type="button" aria-expanded={showCommand} onClick={() => setShowCommand((s) => !s)}>
          Show command
        </button>
        <span className="muted">
          Selected {selected}; uploads go into {folder}
          {source?.state === 'ok' && source.listing.source === 'archive'
            ? ' (read from the archive: the container is not running or has no ls)'
            : ''}
        </span>
      </div>
      {showCommand && (
        <CommandPreview
          command={(shell) =>
            filesCommandLines(name, { path: selected, folder, uploadName }, shell, target)
          }
        />
      )}
      {failure && <ErrorAlert message={failure} />}
      {progress && (
        <p>
          <progress
            aria-label={`Uploading into ${progress.into}`}
            max={progress.of}
            value={progress.at}
          />{' '}
          Uploading file {progress.at + 1} of {progress.of} into {progress.into}…
        </p>
      )}
      {uploaded && (
        <p role="status" aria-label="Upload">
          Uploaded {uploaded}
        </p>
      )}
      {changesOnly && changesError && <ErrorAlert message={changesError} />}
      {changesOnly && changes?.length === 0 && (
        <p className="muted">No changes: the filesystem is as the image made it.</p>
      )}
      <div className={drop.target ? 'file-drop dragging' : 'file-drop'} {...drop.handlers}>
        <FileTree
          rows={rows}
          selected={selected}
          onSelect={setSelected}
          onToggle={toggle}
          notes={notes}
          label="Container files"
          dropInto={drop.target}
        />
        {drop.target && (
          <p className="file-drop-hint">
            {busy ? 'Wait for the upload to finish' : `Drop to upload into ${drop.target}`}
          </p>
        )}
      </div>
    </div>
  );
}
