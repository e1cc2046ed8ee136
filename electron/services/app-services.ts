// The app's handlers for every contract channel, over one engine manager.
// Both faces build exactly this and hand it to their transport's dispatcher.
import type { Readable } from 'node:stream';
import type { CallHandlers } from '../contract/channels.ts';
import type { StatsQuery } from '../contract/container-stats.ts';
import { ContractError } from '../contract/errors.ts';
import { containerActions } from './containers/container-actions.ts';
import { containerSettings } from './containers/container-settings.ts';
import { createContainer } from './containers/create-container.ts';
import { recreateContainer } from './containers/recreate-container.ts';
import { openStatsStream } from './containers/stats-stream.ts';
import { engineQueries } from './engine-queries.ts';
import { pullImageStream } from './images/pull-image.ts';
import { EngineManager, type EngineManagerOptions } from './engine-manager.ts';
import { EventHub } from './event-hub.ts';
import { transferHandlers } from './transfers/transfer-kinds.ts';
import { Transfers } from './transfers/transfers.ts';

export interface AppServices {
  manager: EngineManager;
  events: EventHub;
  /** Tickets for files that travel outside the frames; each face redeems them its own way. */
  transfers: Transfers;
  calls: CallHandlers;
  streams: {
    'engine.log': (query: { tail: number }) => Readable;
    'images.pull': (query: { ref: string }) => Readable;
    'containers.stats': (query: StatsQuery) => Readable;
  };
  dispose(): Promise<void>;
}

interface AppServicesExtras {
  /** Prints a line per engine stats request opened and closed (BERTH_TRACE_STATS=1). */
  traceStats?: (line: string) => void;
}

export function createAppServices(
  opts: Omit<EngineManagerOptions, 'events'>,
  extras: AppServicesExtras = {},
): AppServices {
  const events = new EventHub();
  const manager = new EngineManager({ ...opts, events });
  const transfers = new Transfers(
    transferHandlers({
      docker: () => manager.connection().docker,
      streaming: () => manager.connection().streaming,
      managed: opts.managed,
    }),
  );
  return {
    manager,
    events,
    transfers,
    calls: {
      'engine.status': () => manager.status(),
      'engine.candidates': () => manager.candidates(),
      'engine.rediscover': () => manager.rediscover(),
      'engine.use': (id) => manager.use(id),
      'engine.start': () => manager.start(),
      'engine.stop': () => manager.stop(),
      'engine.restart': () => manager.restart(),
      'containers.list': () => manager.snapshot(),
      'containers.create': (spec) =>
        createContainer(manager.connection().docker, spec, manager.connection().streaming),
      'containers.settings': (id) => containerSettings(manager.connection().docker, id),
      'containers.recreate': (id, changes) =>
        recreateContainer(manager.connection().docker, id, changes),
      'transfers.open': (request) => transfers.open(request),
      ...engineQueries(() => manager.connection().docker),
      ...containerActions({
        docker: () => manager.connection().docker,
        nameOf: (id) =>
          manager.snapshot().items.find((c) => c.id === id || c.name === id)?.name ??
          id.slice(0, 12),
      }),
    },
    streams: {
      'engine.log': ({ tail }) => {
        if (!opts.managed) {
          throw new ContractError({
            kind: 'not-found',
            message: 'There is no managed engine, so no engine log.',
          });
        }
        return opts.managed.openLog(tail);
      },
      'images.pull': ({ ref }) => pullImageStream(manager.connection().streaming, ref.trim()),
      'containers.stats': ({ ids }) => {
        const trace = extras.traceStats;
        const hostMemoryBytes = manager.status().info?.memoryBytes;
        return openStatsStream(ids, {
          docker: manager.connection().streaming,
          ...(hostMemoryBytes ? { hostMemoryBytes } : {}),
          ...(trace ? { onTrace: (event, id) => trace(`[stats] ${event} ${id}`) } : {}),
        });
      },
    },
    dispose: () => manager.dispose(),
  };
}
