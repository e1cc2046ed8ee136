import type { PortBinding } from '../../../../electron/contract/container-types.ts';
import { Term } from '../../../glossary/Term.tsx';
import { firstWebAddress, siteAddresses } from './site-addresses.ts';

/** The container's published ports as links; from another machine, with the SSH line that forwards each. */
export function SiteAddresses(props: { ports: readonly PortBinding[]; running: boolean }) {
  const addresses = siteAddresses(props.ports, location.hostname);
  if (addresses.length === 0) {
    return (
      <section aria-labelledby="overview-addresses">
        <h2 id="overview-addresses">Addresses</h2>
        <p className="muted">
          No published ports: nothing outside reaches it. Publish one in Settings (Ports, e.g.
          8080:80) to open a web site it serves.
        </p>
      </section>
    );
  }
  const site = firstWebAddress(addresses);
  return (
    <section aria-labelledby="overview-addresses" className="overview-addresses">
      <h2 id="overview-addresses">Addresses</h2>
      <ul>
        {addresses.map((a) => (
          <li key={`${a.hostPort}/${a.protocol}`}>
            {a.url ? (
              <>
                {a === site && <span className="site-label">Your site: </span>}
                <a
                  href={a.url}
                  target="_blank"
                  rel="noreferrer noopener"
                  aria-label={`Open ${a.url}`}
                >
                  {a.url}
                </a>
              </>
            ) : (
              <code>
                {a.hostPort}/{a.protocol}
              </code>
            )}{' '}
            <span className="muted">
              → <Term term="containerPort">port</Term> {a.containerPort}/{a.protocol} inside
              {a.loopbackOnly ? ', on this machine only' : ''}
            </span>
            {a.sshForward && (
              <div className="muted">
                From your computer, forward it first: <code>{a.sshForward}</code>
              </div>
            )}
          </li>
        ))}
      </ul>
      {!props.running && <p className="muted">It is not running: these answer once it runs.</p>}
    </section>
  );
}
