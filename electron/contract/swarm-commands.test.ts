import { describe, expect, it } from 'vitest';
import {
  joinTokenCommandLine,
  nodeAvailabilityCommandLine,
  nodeLabelsCommandLine,
  nodeRoleCommandLine,
  serviceLogsCommandLine,
  serviceRemoveCommandLine,
  serviceRollbackCommandLine,
  serviceScaleCommandLine,
  serviceTasksCommandLine,
  serviceUpdateImageCommandLine,
  stackDeployCommandLine,
  stackRemoveCommandLine,
  swarmInitCommandLine,
  swarmJoinCommandLine,
  swarmLeaveCommandLine,
} from './swarm-commands.ts';

describe('the docker lines behind Swarm actions', () => {
  it('are the CLI tutorials use, pointed at the engine in use', () => {
    expect(serviceScaleCommandLine('web', 6, 'posix')).toBe('docker service scale web=6');
    expect(nodeAvailabilityCommandLine('vm2', 'drain', 'posix')).toBe(
      'docker node update --availability drain vm2',
    );
    expect(serviceUpdateImageCommandLine('web', 'nginx:1.27', 'posix')).toBe(
      'docker service update --image nginx:1.27 web',
    );
    expect(serviceRollbackCommandLine('web', 'posix')).toBe('docker service rollback web');
    expect(serviceRemoveCommandLine('web', 'posix')).toBe('docker service rm web');
    expect(serviceTasksCommandLine('web', 'posix')).toBe('docker service ps web');
    expect(serviceLogsCommandLine('web', true, 'posix')).toBe(
      'docker service logs --timestamps --follow web',
    );
    expect(nodeRoleCommandLine('vm2', 'manager', 'posix')).toBe('docker node promote vm2');
    expect(nodeRoleCommandLine('vm2', 'worker', 'posix')).toBe('docker node demote vm2');
    expect(swarmInitCommandLine({ advertiseAddr: '10.0.0.1' }, 'posix')).toBe(
      'docker swarm init --advertise-addr 10.0.0.1',
    );
    expect(swarmInitCommandLine({}, 'posix')).toBe('docker swarm init');
    expect(
      swarmJoinCommandLine({ token: 'SWMTKN-1-a-b', remoteAddr: '10.0.0.1:2377' }, 'posix'),
    ).toBe('docker swarm join --token SWMTKN-1-a-b 10.0.0.1:2377');
    expect(swarmLeaveCommandLine(true, 'posix')).toBe('docker swarm leave --force');
    expect(joinTokenCommandLine('worker', 'posix')).toBe('docker swarm join-token worker');
    expect(stackRemoveCommandLine('todo', 'posix')).toBe('docker stack rm todo');
    expect(stackDeployCommandLine('todo', '/home/me/docker-compose-swarm.yml', 'posix')).toBe(
      'docker stack deploy --compose-file /home/me/docker-compose-swarm.yml todo',
    );
    expect(serviceScaleCommandLine('web', 6, 'posix', { host: 'ssh://me@box' })).toBe(
      'docker -H ssh://me@box service scale web=6',
    );
    expect(serviceScaleCommandLine('web', 6, 'powershell', { context: 'berth' })).toBe(
      'docker --context berth service scale web=6',
    );
  });

  it('quote label values and paths for the shell', () => {
    expect(
      nodeLabelsCommandLine('vm2', { add: { zone: "a b'$(x)" }, remove: ['old'] }, 'posix'),
    ).toBe(`docker node update --label-add 'zone=a b'\\''$(x)' --label-rm old vm2`);
    expect(stackDeployCommandLine('todo', 'C:\\Users\\me\\stack.yml', 'powershell')).toBe(
      "docker stack deploy --compose-file 'C:\\Users\\me\\stack.yml' todo",
    );
  });
});
