// The registries a user deals with: those config.json names, Docker Hub, and
// those local images' tags name; whether they are logged in (and as whom);
// Log in, Log out and Browse each; and Docker Hub search.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { DOCKER_HUB, registryOf } from '../../../electron/contract/image-reference.ts';
import type {
  HubSearchResult,
  RegistryStatus,
} from '../../../electron/contract/registries-channels.ts';
import { describeFailure } from '../../../electron/contract/errors.ts';
import { getClient } from '../../client/contract-client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useCall } from '../../use-call.ts';
import { useImages } from '../images/use-images.ts';
import { PullImageDialog } from '../images/share/PullImageDialog.tsx';
import { BrowseRegistry } from './BrowseRegistry.tsx';
import { LoginDialog } from './LoginDialog.tsx';
import { LogoutDialog } from './LogoutDialog.tsx';
import { SimpleGrid } from './SimpleGrid.tsx';
import './registries.css';

/** Registries other than Hub named by local images' tags. */
function useImageRegistries(): string[] {
  const { images } = useImages();
  const key = useMemo(() => {
    const found = new Set<string>();
    for (const image of images) {
      for (const tag of image.repoTags) {
        const registry = registryOf(tag);
        if (registry && registry !== DOCKER_HUB) found.add(registry);
      }
    }
    return [...found].sort().join('\n');
  }, [images]);
  return useMemo(() => (key ? key.split('\n') : []), [key]);
}

function loginText(r: RegistryStatus): string {
  if (r.error) return 'login unreadable';
  if (!r.loggedIn) return 'not logged in';
  return r.username ? `logged in as ${r.username}` : 'logged in (identity token)';
}

export function RegistriesPage() {
  const fromImages = useImageRegistries();
  // Registries logged in or out here stay listed after a logout empties their config entry.
  const [touched, setTouched] = useState<string[]>([]);
  const named = useMemo(() => [...new Set([...fromImages, ...touched])], [fromImages, touched]);
  const touch = (registry: string) =>
    setTouched((old) => (old.includes(registry) ? old : [...old, registry]));
  const [registries, setRegistries] = useState<RegistryStatus[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loggingIn, setLoggingIn] = useState<{ registry?: string } | null>(null);
  const [loggingOut, setLoggingOut] = useState<RegistryStatus | null>(null);
  const [browsing, setBrowsing] = useState<string | null>(null);
  const [pulling, setPulling] = useState<string | null>(null);

  // Bumped after a login or logout: the list is read again.
  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((v) => v + 1);
  useEffect(() => {
    let live = true;
    getClient()
      .call('registries.list', named)
      .then((list) => {
        if (!live) return;
        setRegistries(list);
        setError(null);
      })
      .catch((err: unknown) => live && setError(describeFailure(err)));
    return () => {
      live = false;
    };
  }, [named, version]);

  return (
    <main aria-label="Registries" className="page registries-page">
      <header className="page-header">
        <h1>Registries</h1>
        <div className="toolbar">
          <a href="#/images">Back to Images</a>
          <button type="button" onClick={() => setLoggingIn({})}>
            Add registry
          </button>
        </div>
      </header>
      <p className="field-hint">
        Logins are kept as the docker CLI keeps them (config.json, or your credential helper), so a
        login here is a <code>docker login</code> there, and the other way round.
      </p>
      {error && <ErrorAlert message={error} />}
      {registries && (
        <SimpleGrid
          label="Registries"
          columns={['Registry', 'Login', 'Kept by', '']}
          rows={registries.map((r) => ({
            key: r.registry,
            name: `${r.registry}, ${loginText(r)}`,
            cells: [
              <span key="name" className="name">
                {r.registry}
                {r.source === 'hub' ? ' (Docker Hub)' : ''}
              </span>,
              r.error ? (
                <span key="err" className="bad">
                  {r.error}
                </span>
              ) : (
                loginText(r)
              ),
              r.helper ? `docker-credential-${r.helper}` : 'config.json',
              <span key="actions" className="row-actions">
                {r.loggedIn ? (
                  <button type="button" className="small" onClick={() => setLoggingOut(r)}>
                    Log out
                  </button>
                ) : (
                  <button
                    type="button"
                    className="small"
                    onClick={() => setLoggingIn({ registry: r.registry })}
                  >
                    Log in
                  </button>
                )}
                <button type="button" className="small" onClick={() => setBrowsing(r.registry)}>
                  Browse
                </button>
              </span>,
            ],
          }))}
        />
      )}
      {browsing && (
        <BrowseRegistry
          key={browsing}
          registry={browsing}
          onPull={setPulling}
          onClose={() => setBrowsing(null)}
        />
      )}
      {pulling && (
        <PullImageDialog
          initialRef={pulling}
          onClose={() => setPulling(null)}
          onLogin={(registry) => setLoggingIn({ registry })}
        />
      )}
      <HubSearch />
      {loggingIn && (
        <LoginDialog
          {...(loggingIn.registry ? { registry: loggingIn.registry } : {})}
          onClose={() => {
            setLoggingIn(null);
            refresh();
          }}
        />
      )}
      {loggingOut && (
        <LogoutDialog
          registry={loggingOut.registry}
          {...(loggingOut.helper ? { helper: loggingOut.helper } : {})}
          onClose={() => {
            touch(loggingOut.registry);
            setLoggingOut(null);
            refresh();
          }}
        />
      )}
    </main>
  );
}

/** `docker search`: Docker Hub through the engine; offline it says so within seconds. */
function HubSearch() {
  const [term, setTerm] = useState('');
  const [results, setResults] = useState<HubSearchResult[] | null>(null);
  const { busy, failure, run } = useCall();
  const search = async (event: FormEvent) => {
    event.preventDefault();
    if (!term.trim()) return;
    setResults(null);
    await run(async () =>
      setResults(await getClient().call('registries.search', { term: term.trim() })),
    );
  };
  return (
    <section aria-label="Docker Hub search" className="hub-search">
      <h2>Docker Hub</h2>
      <form role="search" className="toolbar" onSubmit={(e) => void search(e)}>
        <input
          type="search"
          aria-label="Search Docker Hub"
          placeholder="Search Docker Hub (docker search)"
          value={term}
          onChange={(e) => setTerm(e.target.value)}
        />
        <button type="submit" disabled={busy}>
          Search
        </button>
      </form>
      {busy && <p role="status">Asking Docker Hub through the engine…</p>}
      {failure && <ErrorAlert message={failure} />}
      {results && (
        <SimpleGrid
          label="Docker Hub results"
          columns={['Image', 'Description', 'Stars']}
          rows={results.map((r) => ({
            key: r.name,
            name: r.official ? `${r.name} (official)` : r.name,
            cells: [r.official ? `${r.name} (official)` : r.name, r.description, String(r.stars)],
          }))}
        />
      )}
    </section>
  );
}
