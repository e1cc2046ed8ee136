import type { BuildContextInfo } from '../../../../electron/contract/image-build-channels.ts';
import { sizeText } from '../image-list.ts';
import type { ContextInfoState } from './use-context-info.ts';
import { pickedSummary, type PickedFolder } from './upload-context.ts';

const files = (n: number) => `${n} ${n === 1 ? 'file' : 'files'}`;

/** What the build would send, said before it is sent. */
export function ContextSummary({ state }: { state: ContextInfoState }) {
  const { info, error, measuring } = state;
  return (
    <div role="status" aria-label="Build context" className="build-context">
      {error ? (
        <p>{error}</p>
      ) : info ? (
        <ContextFacts info={info} />
      ) : (
        <p className="muted">
          {measuring ? 'Measuring the context…' : 'Give a folder to see what would be sent.'}
        </p>
      )}
    </div>
  );
}

function ContextFacts({ info }: { info: BuildContextInfo }) {
  const { dockerfile } = info;
  return (
    <>
      <p>
        {info.complete
          ? `Context: ${files(info.files)}, ${sizeText(info.bytes)} to send.`
          : `Context: more than ${files(info.files)} and ${sizeText(info.bytes)} (stopped counting). Is this the right folder?`}
      </p>
      {info.large && (
        <p className="warning">
          Large context: {sizeText(info.bytes)} in {files(info.files)} goes to the engine before the
          build starts. List what the build does not need in .dockerignore.
        </p>
      )}
      {!dockerfile.present && <p className="warning">No Dockerfile at {dockerfile.path}.</p>}
      {dockerfile.present && dockerfile.excluded && (
        <p className="muted">
          .dockerignore excludes the Dockerfile: it is sent anyway (as the docker CLI does), and
          COPY leaves it out.
        </p>
      )}
      {info.unreadable.length > 0 && (
        <p className="warning">
          Cannot read: {info.unreadable.map((u) => `${u.path} (${u.reason})`).join(', ')}. Make them
          readable or list them in .dockerignore.
        </p>
      )}
    </>
  );
}

/** A folder picked in the browser, measured before it is uploaded. */
export function PickedSummary(props: { picked: PickedFolder; dockerfile: string }) {
  const s = pickedSummary(props.picked, props.dockerfile);
  return (
    <div role="status" aria-label="Build context" className="build-context">
      <p>
        Context: {files(s.files)}, {sizeText(s.bytes)} to upload (.dockerignore applies on Berth's
        machine, after the upload).
      </p>
      {s.large && (
        <p className="warning">
          Large context: {sizeText(s.bytes)} in {files(s.files)} is uploaded, then sent to the
          engine. Pick a smaller folder, or build from a path on Berth's machine.
        </p>
      )}
      {!s.dockerfilePresent && (
        <p className="warning">No {props.dockerfile.trim() || 'Dockerfile'} in this folder.</p>
      )}
      <p className="muted">
        A browser does not say which files are executable: they arrive as 0644 files.
      </p>
    </div>
  );
}
