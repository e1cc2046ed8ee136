import type { ImageSummary } from '../../../electron/contract/channels.ts';
import { startDownload } from '../../client/transfers.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useCall } from '../../use-call.ts';
import { sizeText } from './image-list.ts';

/** What `docker save` is given for these images: every name (so they load back tagged), or the id. */
export function saveRefs(images: readonly ImageSummary[]): string[] {
  return images.flatMap((i) => (i.repoTags.length ? i.repoTags : [i.id]));
}

/**
 * `docker save`: the selected images in one tar, downloaded by the browser (its
 * own download shows the bytes) or saved where the desktop's dialog says. The
 * size shown is the images' sizes added up: shared layers are stored once, so
 * the file is at most about that.
 */
export function SaveImagesButton(props: { images: ImageSummary[] }) {
  const { busy, failure, run } = useCall();
  const estimate = props.images.reduce((sum, i) => sum + i.size, 0);
  return (
    <>
      <button
        type="button"
        disabled={busy || props.images.length === 0}
        title={
          props.images.length
            ? `About ${sizeText(estimate)} (the images' sizes added up; shared layers are stored once)`
            : 'Select images to save'
        }
        onClick={() =>
          void run(() =>
            startDownload({ kind: 'images.save', args: { refs: saveRefs(props.images) } }),
          )
        }
      >
        Save
      </button>
      {failure && <ErrorAlert message={failure} />}
    </>
  );
}
