import type { ImageSummary } from '../../../electron/contract/channels.ts';
import { useState } from 'react';
import { startDownload } from '../../client/transfers.ts';
import { EngineErrorAlert } from '../../components/EngineErrorAlert.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { TransferProgressBar } from '../../components/TransferProgressBar.tsx';
import { useCall } from '../../use-call.ts';
import { isMoving, isQuietCancel, useTransferProgress } from '../../use-transfer-progress.ts';
import { sizeText } from './image-list.ts';

/** What `docker save` is given for these images: every name (so they load back tagged), or the id. */
export function saveRefs(images: readonly ImageSummary[]): string[] {
  return images.flatMap((i) => (i.repoTags.length ? i.repoTags : [i.id]));
}

/** "2 images", or the one image's name (its short id when it has none). */
export function savedName(images: readonly ImageSummary[]): string {
  if (images.length !== 1) return `${images.length} images`;
  const [image] = images as [ImageSummary];
  return image.repoTags[0] ?? image.id.replace(/^sha256:/, '').slice(0, 12);
}

/**
 * `docker save`: the selected images in one tar, downloaded by the browser or
 * saved where the desktop's dialog says; the bar counts the bytes either way
 * (`transfers.progress`). The total is the images' sizes added up: shared
 * layers are stored once, so the file is at most about that.
 */
export function SaveImagesButton(props: { images: ImageSummary[] }) {
  const { busy, failure, run } = useCall();
  const { progress, follow, clear } = useTransferProgress();
  const estimate = props.images.reduce((sum, i) => sum + i.size, 0);
  const moving = isMoving(progress);
  // The name the bar and status say is the one saved, even if the selection changes meanwhile.
  const [name, setName] = useState('');
  const save = () => {
    clear();
    const name = savedName(props.images);
    const request = { kind: 'images.save' as const, args: { refs: saveRefs(props.images) } };
    void run(() =>
      startDownload({ ...request, estimatedBytes: estimate }, undefined, (ticket) => {
        follow(ticket);
        setName(name);
      }),
    );
  };
  const failed = progress?.state === 'failed' && !isQuietCancel(progress) ? progress.error : null;
  return (
    <>
      <button
        type="button"
        disabled={busy || moving || props.images.length === 0}
        title={
          props.images.length
            ? `About ${sizeText(estimate)} (the images' sizes added up; shared layers are stored once)`
            : 'Select images to save'
        }
        onClick={save}
      >
        Save
      </button>
      {moving && (
        <TransferProgressBar
          label={`Saving ${name}`}
          progress={progress}
          waiting="Waiting for the download to start…"
        />
      )}
      {progress?.state === 'done' && (
        <span role="status" aria-label="Saved images" className="muted">
          Saved {name} ({sizeText(progress.bytes)})
        </span>
      )}
      {failed ? <EngineErrorAlert error={failed} /> : failure && <ErrorAlert message={failure} />}
    </>
  );
}
