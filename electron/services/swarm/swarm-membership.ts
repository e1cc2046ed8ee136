// Joining and leaving a swarm: `docker swarm init`, `join`, `leave` and
// `join-token`, on the engine shown.
import type Docker from 'dockerode';
import type {
  SwarmInitSpec,
  SwarmJoinSpec,
  SwarmJoinTokens,
  SwarmStatus,
} from '../../contract/swarm-types.ts';
import { engineRequest } from './swarm-engine.ts';
import { asManager, readSwarmStatus } from './swarm-status.ts';

/** Where a node listens for the others, as the CLI's default. */
const LISTEN_ADDR = '0.0.0.0:2377';

export async function initSwarm(docker: Docker, spec: SwarmInitSpec): Promise<SwarmStatus> {
  await engineRequest(docker, {
    method: 'POST',
    path: '/swarm/init',
    body: {
      ListenAddr: LISTEN_ADDR,
      ...(spec.advertiseAddr ? { AdvertiseAddr: spec.advertiseAddr } : {}),
    },
  });
  return readSwarmStatus(docker);
}

export async function joinSwarm(docker: Docker, spec: SwarmJoinSpec): Promise<SwarmStatus> {
  await engineRequest(docker, {
    method: 'POST',
    path: '/swarm/join',
    body: {
      ListenAddr: LISTEN_ADDR,
      RemoteAddrs: [spec.remoteAddr],
      JoinToken: spec.token,
      ...(spec.advertiseAddr ? { AdvertiseAddr: spec.advertiseAddr } : {}),
    },
  });
  return readSwarmStatus(docker);
}

export async function leaveSwarm(docker: Docker, force: boolean): Promise<void> {
  await engineRequest(docker, { method: 'POST', path: '/swarm/leave', query: { force } });
}

export async function joinTokens(docker: Docker): Promise<SwarmJoinTokens> {
  const [swarm, status] = await Promise.all([
    asManager(docker, () =>
      engineRequest<{ JoinTokens?: { Worker?: string; Manager?: string } }>(docker, {
        method: 'GET',
        path: '/swarm',
      }),
    ),
    readSwarmStatus(docker),
  ]);
  const self = status.managers.find((m) => m.nodeId === status.nodeId);
  return {
    worker: swarm.JoinTokens?.Worker ?? '',
    manager: swarm.JoinTokens?.Manager ?? '',
    address: self?.address ?? (status.nodeAddress ? `${status.nodeAddress}:2377` : ''),
  };
}
