import { useRef } from 'react';
import { desktopApi } from '../../../client/contract-client.ts';
import { pickedFiles, type PickedFile } from './folder-tar.ts';

/**
 * Browser only: a folder from the browser's own machine, uploaded as the
 * build context (the desktop picks a folder on its own disk instead).
 */
export function FolderUploadButton(props: {
  disabled?: boolean;
  onPicked(picked: { folder: string; files: PickedFile[] }): void;
}) {
  const input = useRef<HTMLInputElement>(null);
  if (desktopApi()) return null;
  return (
    <>
      <input
        ref={input}
        type="file"
        aria-label="Upload folder"
        className="visually-hidden"
        tabIndex={-1}
        // React does not know the attribute; the browser does.
        {...{ webkitdirectory: '' }}
        multiple
        onChange={(e) => {
          const files = e.currentTarget.files;
          if (files?.length) props.onPicked(pickedFiles(files));
          e.currentTarget.value = '';
        }}
      />
      <button type="button" disabled={props.disabled} onClick={() => input.current?.click()}>
        Upload folder…
      </button>
    </>
  );
}
