// A registry's repositories (its v2 catalog, a page at a time) and a chosen
// repository's tags, each tag with its pull command and a Pull button.
import { useEffect, useState } from 'react';
import { describeFailure } from '../../../electron/contract/errors.ts';
import { getClient } from '../../client/contract-client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { imageReferenceProblem } from '../../../electron/contract/image-reference.ts';
import { dockerCommandLine } from '../../../electron/contract/run-spec/run-command.ts';
import { defaultShell, useCliTarget } from '../../stores/cli-target.ts';
import { pullReference } from '../../../electron/contract/run-spec/registry-commands.ts';
import { SimpleGrid } from './SimpleGrid.tsx';

export function BrowseRegistry(props: {
  registry: string;
  onPull?: (ref: string) => void;
  onClose(): void;
}) {
  const { registry } = props;
  const [repositories, setRepositories] = useState<string[]>([]);
  const [next, setNext] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);

  const loaded =
    (last: string | undefined) => (page: { repositories: string[]; next?: string }) => {
      setRepositories((old) => (last ? [...old, ...page.repositories] : page.repositories));
      setNext(page.next);
      setLoading(false);
    };
  const failed = (err: unknown) => {
    setError(describeFailure(err));
    setLoading(false);
  };
  useEffect(() => {
    getClient().call('registries.catalog', { registry }).then(loaded(undefined)).catch(failed);
  }, [registry]);
  const loadMore = (last: string) => {
    setLoading(true);
    setError(null);
    getClient().call('registries.catalog', { registry, last }).then(loaded(last)).catch(failed);
  };

  return (
    <section aria-label={`Browse ${registry}`} className="panel browse-registry">
      <header className="page-header">
        <h2>Browse {registry}</h2>
        <button type="button" onClick={props.onClose}>
          Close
        </button>
      </header>
      {error && <ErrorAlert message={error} />}
      {loading && repositories.length === 0 && <p role="status">Reading {registry}'s catalog…</p>}
      <div className="browse-columns">
        <div>
          <SimpleGrid
            label="Repositories"
            columns={['Repository', '']}
            rows={repositories.map((repo) => ({
              key: repo,
              name: repo,
              selected: repo === chosen,
              cells: [
                repo,
                <button
                  key="tags"
                  type="button"
                  className="small"
                  aria-pressed={repo === chosen}
                  onClick={() => setChosen(repo)}
                >
                  Tags
                </button>,
              ],
            }))}
          />
          {!loading && !error && repositories.length === 0 && (
            <p className="empty">No repositories in {registry} yet.</p>
          )}
          {next && (
            <button type="button" disabled={loading} onClick={() => loadMore(next)}>
              Load more
            </button>
          )}
        </div>
        {chosen && (
          <TagList
            key={chosen}
            registry={registry}
            repository={chosen}
            {...(props.onPull ? { onPull: props.onPull } : {})}
          />
        )}
      </div>
    </section>
  );
}

function TagList(props: { registry: string; repository: string; onPull?: (ref: string) => void }) {
  const cliTarget = useCliTarget();
  const [tags, setTags] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    getClient()
      .call('registries.tags', { registry: props.registry, repository: props.repository })
      .then((t) => live && setTags(t))
      .catch((err: unknown) => live && setError(describeFailure(err)));
    return () => {
      live = false;
    };
  }, [props.registry, props.repository]);
  return (
    <div>
      {error && <ErrorAlert message={error} />}
      {!tags && !error && <p role="status">Reading the tags of {props.repository}…</p>}
      {tags && (
        <SimpleGrid
          label="Tags"
          columns={props.onPull ? ['Tag', 'Pull command', ''] : ['Tag', 'Pull command']}
          rows={tags.map((tag) => {
            const ref = pullReference(props.registry, props.repository, tag);
            // Tags come from the registry: quoted, and Pull offered only for a valid reference.
            const valid = imageReferenceProblem(ref) === null;
            return {
              key: tag,
              name: `${props.repository}:${tag}`,
              cells: [
                tag,
                <code key="cmd">
                  {dockerCommandLine(['pull', ref], defaultShell(), cliTarget)}
                </code>,
                ...(props.onPull
                  ? [
                      valid ? (
                        <button
                          key="pull"
                          type="button"
                          className="small"
                          onClick={() => props.onPull?.(ref)}
                        >
                          Pull
                        </button>
                      ) : null,
                    ]
                  : []),
              ],
            };
          })}
        />
      )}
      {tags?.length === 0 && <p className="empty">{props.repository} has no tags.</p>}
    </div>
  );
}
