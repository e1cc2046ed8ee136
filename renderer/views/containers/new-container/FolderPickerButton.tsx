import { desktopApi } from '../../../client/contract-client.ts';

/**
 * Desktop only: the system's folder picker for a bind mount. A browser cannot
 * name a folder on the engine's machine, so the browser face shows no button.
 */
export function FolderPickerButton(props: { onFolder(folder: string): void }) {
  const api = desktopApi();
  if (!api) return null;
  return (
    <button
      type="button"
      onClick={async () => {
        const folder = await api.pickFolder();
        if (folder) props.onFolder(folder);
      }}
    >
      Choose folder…
    </button>
  );
}
