// The Swarm domain's handlers, one spread line each in app-services.ts. Every
// call acts on the engine shown; every stream is bound to the engine shown
// when it opened (app-services.ts's onShownEngine).
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { CallHandlers } from '../../contract/channels.ts';
import type { ServiceLogQuery, TaskQuery } from '../../contract/swarm-channels.ts';
import { stacksOf } from '../../contract/swarm-derive.ts';
import type { EngineEndpoint } from '../../engine/endpoint.ts';
import type { EventRing } from '../events/event-ring.ts';
import { changeLabels, listNodes, setAvailability, setRole } from './node-actions.ts';
import {
  createService,
  listServices,
  removeService,
  rollbackService,
  scaleService,
  updateServiceImage,
} from './service-actions.ts';
import { openServiceLogs } from './service-logs.ts';
import { deployStack, removeStack, stackCli } from './stacks.ts';
import { initSwarm, joinSwarm, joinTokens, leaveSwarm } from './swarm-membership.ts';
import { readSwarmStatus } from './swarm-status.ts';
import { openSwarmWatch } from './swarm-watch.ts';
import { listTasks, openTaskWatch, SwarmNames } from './task-watch.ts';

export interface SwarmDeps {
  calls(): Docker;
  streams(): Docker;
  endpoint(): EngineEndpoint;
  events(): EventRing;
  engineId(): string;
  /** The environment the docker CLI runs in (stack deploy). */
  env?: NodeJS.ProcessEnv;
}

type SwarmCallNames = Extract<keyof CallHandlers, `swarm.${string}`>;

export function swarmCalls(deps: SwarmDeps): Pick<CallHandlers, SwarmCallNames> {
  const env = deps.env ?? process.env;
  return {
    'swarm.status': () => readSwarmStatus(deps.calls()),
    // dockerd bounds these itself (a join waits up to 20 s for the node to be ready),
    // past the calls client's 15 s: on the client without a socket timeout.
    'swarm.init': (spec) => initSwarm(deps.streams(), spec),
    'swarm.join': (spec) => joinSwarm(deps.streams(), spec),
    'swarm.leave': ({ force }) => leaveSwarm(deps.streams(), force),
    'swarm.joinTokens': () => joinTokens(deps.calls()),
    'swarm.nodes': () => listNodes(deps.calls()),
    'swarm.nodeAvailability': (node, availability) =>
      setAvailability(deps.calls(), node, availability),
    'swarm.nodeRole': (node, role) => setRole(deps.calls(), node, role),
    'swarm.nodeLabels': (node, change) => changeLabels(deps.calls(), node, change),
    'swarm.services': () => listServices(deps.calls()),
    'swarm.createService': (spec) => createService(deps.calls(), spec),
    'swarm.scaleService': (service, replicas) => scaleService(deps.calls(), service, replicas),
    'swarm.updateImage': (service, image) => updateServiceImage(deps.calls(), service, image),
    'swarm.rollbackService': (service) => rollbackService(deps.calls(), service),
    'swarm.removeService': (service) => removeService(deps.calls(), service),
    'swarm.tasks': (query) => listTasks(deps.calls(), query, new SwarmNames(deps.calls())),
    'swarm.stacks': async () => stacksOf(await listServices(deps.calls())),
    'swarm.removeStack': (name) => removeStack(deps.calls(), name),
    'swarm.deployStack': (request) => deployStack(deps.endpoint(), env, request),
    'swarm.stackCli': () => stackCli(env),
  };
}

type Bind = <Q>(open: (query: Q) => Readable) => (query: Q) => Readable;

export function swarmStreams(bind: Bind, deps: SwarmDeps) {
  const watchDeps = () => ({
    engineId: deps.engineId(),
    calls: deps.calls(),
    events: deps.events(),
  });
  return {
    'swarm.watch': bind((_none: void) => openSwarmWatch(watchDeps())),
    'swarm.watchTasks': bind((query: TaskQuery) => openTaskWatch(watchDeps(), query)),
    'swarm.serviceLogs': bind((query: ServiceLogQuery) =>
      openServiceLogs({ calls: deps.calls(), streams: deps.streams() }, query),
    ),
  };
}
