// Running the sample site, step by step: make its image (or find it), then
// create and start a container publishing its port 80 on the first free port
// of this computer from 8080 up, as a beginner's `docker run -p 8080:80` would.
import type { ErrorEnvelope } from '../../../electron/contract/errors.ts';
import { emptyRunSpec, type RunSpec } from '../../../electron/contract/run-spec/spec.ts';
import { SAMPLE_SITE_IMAGE } from '../../../electron/contract/samples-channels.ts';
import type { getClient } from '../../client/contract-client.ts';

export const FIRST_PORT = 8080;
/** Ports tried before giving up (a busy developer machine holds a few of 8080's neighbours). */
const PORT_TRIES = 20;
export const SAMPLE_NAME = 'sample-site';

export type SampleStep = 'image' | 'container' | 'done';

/** The run spec: loopback only, since a first web site need not be reachable from the network. */
export function sampleSiteSpec(port: number, name = SAMPLE_NAME): RunSpec {
  return {
    ...emptyRunSpec(),
    image: SAMPLE_SITE_IMAGE,
    name,
    ports: [{ containerPort: 80, protocol: 'tcp', hostPort: port, hostIp: '127.0.0.1' }],
    start: true,
  };
}

/** The engine could not publish the port: another container or program holds it. */
export function isPortTaken(error: ErrorEnvelope): boolean {
  const words = `${error.engineMessage ?? ''} ${error.message}`;
  return /address already in use|port is already allocated/i.test(words);
}

/** The name belongs to another container. */
export function isNameTaken(error: ErrorEnvelope): boolean {
  return error.status === 409 && /name .* is already in use/i.test(error.engineMessage ?? '');
}

function envelopeOf(err: unknown): ErrorEnvelope | null {
  const envelope = (err as { envelope?: ErrorEnvelope }).envelope;
  return envelope && typeof envelope.message === 'string' ? envelope : null;
}

export interface SampleSiteRun {
  id: string;
  name: string;
  port: number;
  /** The image was made just now (it was missing). */
  made: boolean;
}

/** Makes the image if needed, then runs a container of it; `onStep` hears each step begin. */
export async function runSampleSite(
  client: Pick<ReturnType<typeof getClient>, 'call'>,
  onStep: (step: SampleStep, port: number) => void,
): Promise<SampleSiteRun> {
  onStep('image', FIRST_PORT);
  const { made } = await client.call('samples.ensureSite');
  let port = FIRST_PORT;
  let suffix = 1;
  for (let tries = 0; ; tries++) {
    const name = suffix === 1 ? SAMPLE_NAME : `${SAMPLE_NAME}-${suffix}`;
    onStep('container', port);
    try {
      const created = await client.call('containers.create', sampleSiteSpec(port, name));
      onStep('done', port);
      return { id: created.id, name: created.name, port, made };
    } catch (err) {
      const envelope = envelopeOf(err);
      if (!envelope || tries >= PORT_TRIES) throw err;
      if (isPortTaken(envelope)) port++;
      else if (isNameTaken(envelope)) suffix++;
      else throw err;
    }
  }
}
