import type { TransferProgress } from '../../electron/contract/transfer-progress-channels.ts';
import { percentOf } from '../use-transfer-progress.ts';
import { sizeText } from '../views/images/image-list.ts';

/**
 * A transfer's bytes as a `progressbar` named `label`: "12 MB of 40 MB (30%)",
 * "about" when the total is a guess; `atEnd` is said once every byte moved
 * and the other side is still busy (the engine unpacking a load).
 */
export function TransferProgressBar(props: {
  label: string;
  progress: TransferProgress;
  waiting: string;
  atEnd?: string;
}) {
  const { bytes, total, estimated, state } = props.progress;
  const percent = percentOf(props.progress);
  const known = total !== undefined && !estimated;
  let text: string;
  if (state === 'waiting') text = props.waiting;
  else if (props.atEnd && known && bytes >= total) text = props.atEnd;
  else if (total === undefined) text = `${sizeText(bytes)}…`;
  else text = `${sizeText(bytes)} of ${estimated ? 'about ' : ''}${sizeText(total)} (${percent}%)…`;
  return (
    <span
      role="progressbar"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={total !== undefined ? 100 : undefined}
      aria-valuenow={percent ?? undefined}
      aria-valuetext={text}
      className="muted"
    >
      {text}
    </span>
  );
}
