// Scaffolding: the image page's Files tab, built by its own piece of work.
import type { ImageSummary } from '../../../../electron/contract/channels.ts';

export function ImageFilesTab({ image }: { image: ImageSummary }) {
  return <p className="empty">The Files of {image.id} are not shown yet.</p>;
}
