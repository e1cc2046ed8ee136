// The app's handlers for every contract channel, over one engine manager.
// Both faces build exactly this and hand it to their transport's dispatcher.
// Calls and streams go to the engine shown (engine-registry.ts says why no
// call names its engine); a stream that reads an engine is bound to the one
// shown when it opened, and ends when another is shown.
import { homedir } from 'node:os';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import type { CallHandlers } from '../contract/channels.ts';
import type { StatsQuery } from '../contract/container-stats.ts';
import { ContractError, type ErrorEnvelope } from '../contract/errors.ts';
import { closeSshSessions } from '../engine/ssh/ssh-sessions.ts';
import { containerActions } from './containers/container-actions.ts';
import { containerProcesses } from './containers/container-processes.ts';
import { containerLogStreams } from './containers/container-log-handlers.ts';
import { containerSettings } from './containers/container-settings.ts';
import { createContainer } from './containers/create-container.ts';
import { containerFileHandlers } from './containers/files/container-files.ts';
import { volumeFileHandlers } from './volumes/files/volume-files.ts';
import { recreateContainer } from './containers/recreate-container.ts';
import { openStatsStream } from './containers/stats-stream.ts';
import { engineQueries } from './engine-queries.ts';
import { imageLayerCalls, imageLayerStreams } from './images/layers/image-layer-handlers.ts';
import { imageHistoryHandlers } from './images/history/image-history.ts';
import { imageBuildCalls, imageBuildStreams } from './images/build/build-handlers.ts';
import { imageUpkeepHandlers } from './images/upkeep/image-upkeep-handlers.ts';
import { layerCacheIn } from './images/layers/layer-cache-dir.ts';
import { imageSharingCalls, imageSharingStreams } from './images/image-sharing-handlers.ts';
import type { AuthFor } from './registries/registry-auth.ts';
import { configAllAuths, configAuth } from './registries/credential-store.ts';
import { ensureSampleSite, SAMPLE_SITE_ASSETS } from './samples/sample-site.ts';
import { portHandlers } from './ports/port-handlers.ts';
import { networkActionHandlers } from './networks/network-actions.ts';
import { dockerConfigDir } from '../engine/docker-context.ts';
import { EngineManager, type EngineManagerOptions } from './engine-manager.ts';
import type { FoundEngine } from '../engine/discovery.ts';
import { foundEngines } from './engine-provider.ts';
import { remoteEngineCalls } from './remote-engine-handlers.ts';
import { RemoteEngines } from './remote-engines.ts';
import { vmCalls, vmStreams } from './vm-handlers.ts';
import { EventHub } from './event-hub.ts';
import { settingsHandlers } from './settings-handlers.ts';
import { terminalHandlers } from './terminals/terminal-handlers.ts';
import { previewGate, type PreviewGate } from './preview/preview-page.ts';
import { PreviewTickets } from './preview/preview-tickets.ts';
import { webProbeHandlers } from './containers/web-probe.ts';
import { KeptOutputs, keptOutputHandlers } from './containers/kept-output.ts';
import { registryHandlers } from './registries/registry-handlers.ts';
import { transferHandlers } from './transfers/transfer-kinds.ts';
import { Transfers } from './transfers/transfers.ts';
import { volumeActionHandlers } from './volumes/volume-action-handlers.ts';
import { transferProgressStreams } from './transfers/progress-board.ts';
import { composeCalls, composeStreams } from './compose/compose-handlers.ts';
import { diskHandlers } from './disk/disk-handlers.ts';
import { adviseDiskFull, adviseDiskFullError } from './vm-disk-advice.ts';
import { eventStreams } from './events/event-follow.ts';
import { swarmCalls, swarmStreams, type SwarmDeps } from './swarm/swarm-handlers.ts';

export interface AppServices {
  manager: EngineManager;
  events: EventHub;
  /** Tickets for files that travel outside the frames; each face redeems them its own way. */
  transfers: Transfers;
  /** May the preview framing page show this port? Asked with a ticket from `containers.probeWeb`. */
  mayPreview: PreviewGate;
  /** The VM's hint on an engine that ran out of room (the dispatcher adds it to every failure). */
  adviseError(error: ErrorEnvelope): ErrorEnvelope;
  calls: CallHandlers;
  streams: {
    'engine.log': (query: { tail: number }) => Readable;
    'containers.stats': (query: StatsQuery) => Readable;
  } & ReturnType<typeof terminalHandlers> &
    ReturnType<typeof imageLayerStreams> &
    ReturnType<typeof imageBuildStreams> &
    ReturnType<typeof imageSharingStreams> &
    ReturnType<typeof containerLogStreams> &
    ReturnType<typeof transferProgressStreams> &
    ReturnType<typeof vmStreams> &
    ReturnType<typeof composeStreams> &
    ReturnType<typeof eventStreams> &
    ReturnType<typeof swarmStreams>;
  dispose(): Promise<void>;
}

export interface AppServicesExtras {
  /** Prints a line per engine stats request opened and closed (BERTH_TRACE_STATS=1). */
  traceStats?: (line: string) => void;
  /** The sample site's files (assets/sample-site); a packaged app keeps them in its resources. */
  sampleSiteDir?: string;
  /** Where image layer lists are cached (the data folder's `layer-cache`); a private temp folder when absent. */
  layerCacheDir?: string;
  /** The docker CLI's config folder, where logins are kept ($DOCKER_CONFIG or ~/.docker). */
  dockerConfigDir?: string;
  /** The credentials pulls and pushes send (tests give literal ones); the CLI's, from dockerConfigDir, when absent. */
  authFor?: AuthFor;
}

/** The CLI's config folder of this process: $DOCKER_CONFIG, else ~/.docker. */
function defaultDockerConfigDir(): string {
  return dockerConfigDir({ env: process.env, homeDir: homedir() });
}

export function createAppServices(
  opts: Omit<EngineManagerOptions, 'events' | 'found'> & {
    /** Finds the engines on this machine (tests give their own). */
    /** Found engines, with the TLS folder of those that need one (kept from the renderer). */
    discover(): Promise<FoundEngine[]>;
  },
  extras: AppServicesExtras = {},
): AppServices {
  const events = new EventHub();
  // Logins live where the docker CLI keeps them, so each tool sees the other's.
  const configDir = extras.dockerConfigDir ?? defaultDockerConfigDir();
  const remote = new RemoteEngines({
    settings: opts.settings,
    dataDir: dirname(opts.settings.path),
    dockerConfigDir: configDir,
  });
  const manager = new EngineManager({
    ...opts,
    found: foundEngines(opts.discover),
    remote,
    events,
  });
  const unwatchSettings = opts.settings.onChange((state) => events.emit('settings.changed', state));
  const previewTickets = new PreviewTickets();
  const kept = new KeptOutputs();
  const layerDeps = {
    calls: () => manager.connection().calls,
    endpoint: () => manager.connection().endpoint,
    cache: layerCacheIn(extras.layerCacheDir),
  };
  // The credentials pulls and pushes send, as the CLI would send them.
  const authFor: AuthFor = extras.authFor ?? configAuth(configDir);
  const sharingDeps = {
    calls: () => manager.connection().calls,
    streams: () => manager.connection().streams,
    authFor,
  };
  const engineIsVm = () => manager.status().vm !== undefined;
  const transfers = new Transfers(
    transferHandlers({
      calls: () => manager.connection().calls,
      streams: () => manager.connection().streams,
      managed: opts.managed,
      eventLog: () => manager.connection().eventLog,
    }),
    { adviseError: (err) => adviseDiskFullError(err, engineIsVm) },
  );
  const swarmDeps: SwarmDeps = {
    calls: () => manager.connection().calls,
    streams: () => manager.connection().streams,
    endpoint: () => manager.connection().endpoint,
    events: () => manager.connection().eventLog,
    engineId: () => manager.status().engineId ?? '',
  };
  return {
    manager,
    events,
    transfers,
    adviseError: (error) => adviseDiskFull(error, engineIsVm),
    mayPreview: previewGate(previewTickets, () => manager.snapshot().items),
    calls: {
      'engine.status': () => manager.status(),
      'engine.candidates': () => manager.candidates(),
      'engine.rediscover': () => manager.rediscover(),
      'engine.use': (id) => manager.use(id),
      'engine.disconnect': (id) => manager.disconnect(id),
      'engine.start': () => manager.start(),
      'engine.stop': () => manager.stop(),
      'engine.restart': () => manager.restart(),
      'engine.reset': () => manager.reset(),
      ...remoteEngineCalls(manager, remote),
      ...vmCalls(manager),
      'containers.list': () => manager.snapshot('containers'),
      'images.list': () => manager.snapshot('images'),
      'volumes.list': () => manager.snapshot('volumes'),
      'networks.list': () => manager.snapshot('networks'),
      'containers.create': (spec) =>
        createContainer(manager.connection().calls, spec, manager.connection().streams, kept),
      'containers.settings': (id) => containerSettings(manager.connection().calls, id),
      'containers.recreate': (id, changes) =>
        recreateContainer(manager.connection().calls, id, changes),
      'transfers.open': (request) => transfers.open(request),
      'samples.ensureSite': () =>
        ensureSampleSite(manager.connection().calls, extras.sampleSiteDir ?? SAMPLE_SITE_ASSETS),
      ...engineQueries(
        () => manager.connection().calls,
        (imageId) =>
          manager
            .snapshot('containers')
            .items.filter((c) => c.imageId === imageId)
            .map((c) => c.name),
      ),
      ...webProbeHandlers(() => manager.snapshot().items, previewTickets),
      ...keptOutputHandlers(kept),
      ...containerProcesses({
        docker: () => manager.connection().calls,
        nameOf: (id) => manager.snapshot().items.find((c) => c.id === id)?.name ?? id.slice(0, 12),
      }),
      ...containerFileHandlers(() => manager.connection()),
      ...volumeFileHandlers(() => manager.connection()),
      ...containerActions({
        docker: () => manager.connection().calls,
        nameOf: (id) =>
          manager.snapshot().items.find((c) => c.id === id || c.name === id)?.name ??
          id.slice(0, 12),
      }),
      ...portHandlers(() => manager.status().engineId),
      ...imageLayerCalls(layerDeps),
      ...imageHistoryHandlers(() => manager.connection().calls),
      ...registryHandlers({
        docker: () => manager.connection().calls,
        configDir,
      }),
      ...imageBuildCalls(),
      ...imageUpkeepHandlers({
        calls: () => manager.connection().calls,
        streams: () => manager.connection().streams,
      }),
      ...imageSharingCalls(sharingDeps),
      ...composeCalls(),
      ...diskHandlers({
        calls: () => manager.connection().calls,
        streams: () => manager.connection().streams,
        knownApiVersion: () => manager.connection().info?.apiVersion,
      }),
      ...volumeActionHandlers({
        calls: () => manager.connection().calls,
        streams: () => manager.connection().streams,
        relist: () => manager.connection().volumes.heal(),
      }),
      ...settingsHandlers(opts.settings, manager),
      ...networkActionHandlers({
        calls: () => manager.connection().calls,
        networks: () => manager.snapshot('networks').items,
      }),
      ...swarmCalls(swarmDeps),
    },
    streams: {
      // The supervisor's log file, not a connection: it outlives stops and switches.
      'engine.log': ({ tail }) => {
        if (!opts.managed) {
          throw new ContractError({
            kind: 'not-found',
            message: 'There is no managed engine, so no engine log.',
          });
        }
        return opts.managed.openLog(tail);
      },
      'containers.stats': onShownEngine(manager, ({ ids }) => {
        const trace = extras.traceStats;
        const hostMemoryBytes = manager.status().info?.memoryBytes;
        return openStatsStream(ids, {
          docker: manager.connection().streams,
          ...(hostMemoryBytes ? { hostMemoryBytes } : {}),
          ...(trace ? { onTrace: (event, id) => trace(`[stats] ${event} ${id}`) } : {}),
        });
      }),
      ...terminalHandlers(manager),
      ...imageLayerStreams((open) => onShownEngine(manager, open), layerDeps),
      ...imageBuildStreams(
        (open) => onShownEngine(manager, open),
        () => manager.connection().streams,
        configAllAuths(configDir),
      ),
      ...imageSharingStreams((open) => onShownEngine(manager, open), sharingDeps),
      ...containerLogStreams(
        (open) => onShownEngine(manager, open),
        () => manager.connection().streams,
      ),
      ...transferProgressStreams(transfers),
      ...vmStreams(manager),
      ...composeStreams((open) => onShownEngine(manager, open), {
        endpoint: () => manager.connection().endpoint,
        calls: () => manager.connection().calls,
      }),
      ...eventStreams(
        (open) => onShownEngine(manager, open),
        () => manager.connection().eventLog,
      ),
      ...swarmStreams((open) => onShownEngine(manager, open), swarmDeps),
    },
    dispose: () => {
      unwatchSettings();
      // SSH connections to remote engines would otherwise idle on for a minute.
      return manager.dispose().finally(closeSshSessions);
    },
  };
}

/**
 * Binds a stream to the connection shown when it opens: that connection ends
 * it (with a `cancelled` error naming both engines) once another engine is
 * shown or the connection closes, so it never runs on for a renderer that
 * moved to another engine.
 */
function onShownEngine<Q>(
  manager: EngineManager,
  open: (query: Q) => Readable,
): (query: Q) => Readable {
  return (query) => {
    const connection = manager.connection();
    return connection.track(open(query));
  };
}
