import { useState } from 'react';
import type { ImageSummary } from '../../../../electron/contract/channels.ts';
import { LoginDialog } from '../../registries/LoginDialog.tsx';
import { PushImageDialog } from './PushImageDialog.tsx';
import { TagImageDialog } from './TagImageDialog.tsx';

/** "Tag" and "Push" (for a tagged image) with their dialogs, for a page about one image. */
export function ImageShareButtons({ image }: { image: ImageSummary }) {
  const [open, setOpen] = useState<'tag' | 'push' | null>(null);
  const [loggingIn, setLoggingIn] = useState<string | null>(null);
  return (
    <div className="toolbar">
      <button type="button" onClick={() => setOpen('tag')}>
        Tag
      </button>
      {!image.dangling && (
        <button type="button" onClick={() => setOpen('push')}>
          Push
        </button>
      )}
      {open === 'tag' && <TagImageDialog image={image} onClose={() => setOpen(null)} />}
      {open === 'push' && (
        <PushImageDialog image={image} onClose={() => setOpen(null)} onLogin={setLoggingIn} />
      )}
      {loggingIn && <LoginDialog registry={loggingIn} onClose={() => setLoggingIn(null)} />}
    </div>
  );
}
