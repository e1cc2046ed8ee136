import { useEffect, useState } from 'react';
import type { ContainerSummary } from '../../../../electron/contract/container-types.ts';
import { describeFailure } from '../../../../electron/contract/errors.ts';
import {
  PREVIEW_SANDBOX,
  previewPageUrl,
  type WebProbe,
} from '../../../../electron/contract/preview-channels.ts';
import { desktopApi, getClient } from '../../../client/contract-client.ts';
import { firstWebAddress, siteAddresses } from './site-addresses.ts';

type Probe = WebProbe | { checking: true } | { failed: string };

/**
 * The first web port, live, once the app has seen it answer: the app asks the
 * port with a short timeout, so a silent port is reported, not framed.
 */
export function WebPreview({ container }: { container: ContainerSummary }) {
  const site = firstWebAddress(siteAddresses(container.ports, location.hostname));
  const running = container.state === 'running';
  const [attempt, setAttempt] = useState(0);
  const port = site?.hostPort;
  // A result counts only for the question it answers: a new port, a restart or
  // "Check again" shows "Checking…" until its own answer comes.
  const question = `${container.id}:${port}:${running}:${attempt}`;
  const [answer, setAnswer] = useState<{ question: string; probe: Probe } | null>(null);
  const probe: Probe = answer?.question === question ? answer.probe : { checking: true };
  useEffect(() => {
    if (port === undefined || !running) return;
    let current = true;
    const settle = (p: Probe) => current && setAnswer({ question, probe: p });
    getClient()
      .call('containers.probeWeb', container.id, port)
      .then(settle, (err: unknown) => settle({ failed: describeFailure(err) }));
    return () => {
      current = false;
    };
  }, [container.id, port, running, question]);

  if (!site?.url || !running) return null;
  const url = site.url;
  const again = (
    <button type="button" className="small" onClick={() => setAttempt(attempt + 1)}>
      Check again
    </button>
  );
  return (
    <section aria-labelledby="overview-preview" className="overview-preview">
      <h2 id="overview-preview">Live preview</h2>
      {'checking' in probe && (
        <p role="status" aria-label="Preview" className="muted">
          Checking whether {url} answers…
        </p>
      )}
      {'failed' in probe && (
        <p role="status" aria-label="Preview">
          Couldn’t check {url}: {probe.failed} {again}
        </p>
      )}
      {'answers' in probe && !probe.answers && (
        <p role="status" aria-label="Preview">
          {url} answers nothing ({probe.reason}). If the program inside is still starting, check
          again in a moment; otherwise it may listen on another port than {site.containerPort}.{' '}
          {again}
        </p>
      )}
      {'answers' in probe && probe.answers && (
        <iframe
          title={`Preview of ${url}`}
          src={previewPageUrl(desktopApi() ? 'desktop' : 'browser', site.hostPort, probe.ticket)}
          sandbox={PREVIEW_SANDBOX}
          referrerPolicy="no-referrer"
          className="preview-frame"
        />
      )}
    </section>
  );
}
