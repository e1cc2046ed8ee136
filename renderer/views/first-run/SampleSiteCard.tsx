import { useState } from 'react';
import { describeFailure } from '../../../electron/contract/errors.ts';
import {
  dockerCommandLine,
  runCommandLine,
} from '../../../electron/contract/run-spec/run-command.ts';
import {
  SAMPLE_SITE_IMAGE,
  SAMPLE_SITE_IMPORT_ARGS,
} from '../../../electron/contract/samples-channels.ts';
import { getClient } from '../../client/contract-client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { defaultShell, useCliTarget } from '../../stores/cli-target.ts';
import { openCreated } from '../container/overview/just-created.ts';
import { useImages } from '../images/use-images.ts';
import './first-run.css';
import { FIRST_PORT, runSampleSite, sampleSiteSpec, type SampleStep } from './sample-site-run.ts';

type Progress = { step: SampleStep | null; port: number; error: string | null };

/** The card, on an engine with no images but (perhaps) the sample's own: a beginner's engine. */
export function FirstRun() {
  const { images, loaded } = useImages();
  const beginner = images.every((i) => i.repoTags.includes(SAMPLE_SITE_IMAGE));
  return loaded && beginner ? <SampleSiteCard /> : null;
}

/**
 * The first thing a beginner sees on an empty engine: one button that makes a
 * small web site image here (no registry needed) and runs it, each step with
 * the docker command that does the same.
 */
export function SampleSiteCard() {
  const target = useCliTarget();
  const shell = defaultShell();
  const [progress, setProgress] = useState<Progress>({
    step: null,
    port: FIRST_PORT,
    error: null,
  });
  const busy = progress.step !== null && progress.step !== 'done' && !progress.error;

  const run = () => {
    setProgress({ step: 'image', port: FIRST_PORT, error: null });
    runSampleSite(getClient(), (step, port) => setProgress({ step, port, error: null })).then(
      (done) => {
        openCreated(done.id);
      },
      (err: unknown) => setProgress((p) => ({ ...p, error: describeFailure(err) })),
    );
  };

  const steps: { key: SampleStep; text: string; command?: string }[] = [
    {
      key: 'image',
      text: 'Make an image: a small web server and one page, from files Berth ships (nothing is downloaded).',
      command: `${dockerCommandLine(SAMPLE_SITE_IMPORT_ARGS, shell, target)}   # sample-site.tar: what Berth packs`,
    },
    {
      key: 'container',
      text: `Run a container from it, its port 80 published on port ${progress.port} of this computer.`,
      command: runCommandLine(sampleSiteSpec(progress.port), shell, target),
    },
    {
      key: 'done',
      text: `Open http://localhost:${progress.port} and read what just happened.`,
    },
  ];

  return (
    <section aria-labelledby="sample-site-title" className="first-run">
      <h2 id="sample-site-title">New to containers? Run a sample web site</h2>
      <p>
        Berth can make a tiny web site image on this engine and run it, in one click. These are the
        steps, and the <code>docker</code> command for each:
      </p>
      <ol className="first-run-steps">
        {steps.map((s, i) => (
          <li key={s.key} aria-current={progress.step === s.key && busy ? 'step' : undefined}>
            {s.text}
            {s.command && <pre aria-label={`docker command, step ${i + 1}`}>{s.command}</pre>}
          </li>
        ))}
      </ol>
      <div className="dialog-buttons">
        <button type="button" className="primary" disabled={busy} onClick={run}>
          Run the sample site
        </button>
        {busy && (
          <span role="status" className="muted">
            {progress.step === 'image' ? 'Making the image…' : 'Starting the container…'}
          </span>
        )}
      </div>
      {progress.error && <ErrorAlert message={progress.error} />}
    </section>
  );
}
