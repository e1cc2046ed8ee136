import type { ContainerAction } from '../stores/container-actions-store.ts';

/** 16×16 outlines, drawn with currentColor so a button's colour (danger) carries over. */
const paths: Record<ContainerAction, string> = {
  start: 'M5 3.5v9l7-4.5z',
  resume: 'M5 3.5v9l7-4.5z',
  stop: 'M4.5 4.5h7v7h-7z',
  restart: 'M12.5 8a4.5 4.5 0 1 1-1.3-3.2M12.5 3v2.5H10',
  pause: 'M5.5 4v8M10.5 4v8',
  kill: 'M9 2 4.5 9H8l-1 5 4.5-7H8z',
  remove: 'M3.5 4.5h9M6.5 4.5V3h3v1.5M5 4.5l.6 8.5h4.8l.6-8.5',
};

export function ActionIcon({ action }: { action: ContainerAction }) {
  return (
    <svg
      aria-hidden="true"
      width="14"
      height="14"
      viewBox="0 0 16 16"
      fill={action === 'start' || action === 'resume' ? 'currentColor' : 'none'}
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={paths[action]} />
    </svg>
  );
}
