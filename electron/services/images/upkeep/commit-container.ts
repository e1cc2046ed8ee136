// `docker commit`: POST /commit with the dialog's fields as the CLI sends
// them (each change its own `changes` parameter). The engine reads the
// container's whole filesystem, so this runs on the client without a timeout.
import type Docker from 'dockerode';
import { ContractError } from '../../../contract/errors.ts';
import type { CommitSpec } from '../../../contract/image-commit-channels.ts';
import { toErrorEnvelope } from '../../engine-errors.ts';

export async function commitContainer(docker: Docker, spec: CommitSpec): Promise<{ id: string }> {
  const query: Record<string, unknown> = { container: spec.container, pause: spec.pause };
  if (spec.repository) {
    query.repo = spec.repository;
    query.tag = spec.tag || 'latest';
  }
  if (spec.message) query.comment = spec.message;
  if (spec.author) query.author = spec.author;
  if (spec.changes.length) query.changes = spec.changes;
  try {
    // `_body: {}` sends no body: the engine would read one as a container config to merge.
    const reply = (await docker
      .getContainer(spec.container)
      .commit({ _query: query, _body: {} })) as { Id?: unknown };
    if (typeof reply.Id !== 'string') throw new Error('the engine answered no image id');
    return { id: reply.Id };
  } catch (err) {
    const envelope = toErrorEnvelope(err, `Couldn't commit ${spec.container}`);
    throw new ContractError({
      ...envelope,
      hint:
        envelope.hint ??
        (envelope.kind === 'not-found'
          ? 'The container is gone: pick another one.'
          : 'Check the changes and the names, then try again.'),
    });
  }
}
