import { useEffect, type MouseEvent } from 'react';
import { ConnectionBanner } from './components/ConnectionBanner.tsx';
import { EngineIndicator } from './components/EngineIndicator.tsx';
import { startContainersSync } from './stores/containers-store.ts';
import { startEngineSync } from './stores/engine-store.ts';
import { startImagesSync } from './stores/images-store.ts';
import { startNetworksSync } from './stores/networks-store.ts';
import { startVolumesSync } from './stores/volumes-store.ts';
import { VolumesPage } from './views/volumes/VolumesPage.tsx';
import { startListFreshness } from './stores/list-freshness.ts';
import { startSettingsSync } from './stores/settings-store.ts';
import { startThemeSync } from './theme.ts';
import { NavLink } from './glossary/NavLink.tsx';
import type { TermKey } from './glossary/terms.ts';
import { useHashRoute, type Route, type Section } from './use-hash-route.ts';
import { ContainerPage } from './views/container/ContainerPage.tsx';
import { ContainersPage } from './views/containers/ContainersPage.tsx';
import { DiskPage } from './views/disk/DiskPage.tsx';
import { EnginePage } from './views/EnginePage.tsx';
import { EngineSwitcher } from './views/engine/EngineSwitcher.tsx';
import { EventsPage } from './views/events/EventsPage.tsx';
import { ImagePage } from './views/image/ImagePage.tsx';
import { ImagesPage } from './views/images/ImagesPage.tsx';
import { NetworkPage } from './views/networks/NetworkPage.tsx';
import { NetworksPage } from './views/networks/NetworksPage.tsx';
import { VolumePage } from './views/volume/VolumePage.tsx';
import { ProjectPage } from './views/projects/ProjectPage.tsx';
import { ProjectsPage } from './views/projects/ProjectsPage.tsx';
import { RegistriesPage } from './views/registries/RegistriesPage.tsx';
import { SettingsPage } from './views/settings/SettingsPage.tsx';
import { SwarmPage } from './views/swarm/SwarmPage.tsx';

const navigation: { route: Section; label: string; term?: TermKey }[] = [
  { route: 'containers', label: 'Containers', term: 'container' },
  { route: 'images', label: 'Images', term: 'image' },
  { route: 'volumes', label: 'Volumes', term: 'volume' },
  { route: 'networks', label: 'Networks', term: 'network' },
  { route: 'projects', label: 'Projects', term: 'composeProject' },
  { route: 'disk', label: 'Disk', term: 'diskUsage' },
  { route: 'events', label: 'Events', term: 'engineEvent' },
  { route: 'swarm', label: 'Swarm' },
  { route: 'engine', label: 'Engine', term: 'engine' },
  { route: 'settings', label: 'Settings' },
];

export function App() {
  const route = useHashRoute();
  useEffect(() => {
    startEngineSync();
    startContainersSync();
    // Live from the start, as the containers are: opening Images shows them at once.
    startImagesSync();
    startVolumesSync();
    startNetworksSync();
    startListFreshness();
    startSettingsSync();
    startThemeSync();
  }, []);

  return (
    <div className="app">
      <a className="skip-link" href="#main-content" onClick={skipToMain}>
        Skip to main content
      </a>
      <aside className="sidebar">
        <div className="brand">Berth</div>
        <nav aria-label="Main">
          <ul>
            {navigation.map((item) => (
              <li key={item.route}>
                <NavLink {...item} current={route.section === item.route && !route.id} />
              </li>
            ))}
          </ul>
        </nav>
        <EngineIndicator />
        <EngineSwitcher />
      </aside>
      <div className="content">
        <ConnectionBanner />
        {pageFor(route)}
      </div>
    </div>
  );
}

/**
 * Routes live in the hash, so the link must not follow its href: it moves
 * focus to the page's main region, and the next Tab lands on its first control.
 */
function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  const main = document.querySelector<HTMLElement>('.content main');
  if (!main) return;
  if (!main.hasAttribute('tabindex')) main.tabIndex = -1;
  main.focus();
}

function pageFor(route: Route) {
  switch (route.section) {
    case 'containers':
      return route.id ? <ContainerPage id={route.id} /> : <ContainersPage />;
    case 'images':
      return route.id ? <ImagePage key={route.id} id={route.id} /> : <ImagesPage />;
    case 'engine':
      return <EnginePage />;
    case 'registries':
      return <RegistriesPage />;
    case 'volumes':
      return route.id ? <VolumePage key={route.id} name={route.id} /> : <VolumesPage />;
    case 'networks':
      return route.id ? <NetworkPage key={route.id} name={route.id} /> : <NetworksPage />;
    case 'projects':
      return route.id ? <ProjectPage key={route.id} name={route.id} /> : <ProjectsPage />;
    case 'disk':
      return <DiskPage />;
    case 'events':
      return <EventsPage />;
    case 'swarm':
      return <SwarmPage />;
    case 'settings':
      return <SettingsPage />;
  }
}
