import { describe, expect, it } from 'vitest';
import { aliasesOfInspect, EndpointAliases, type ContainerAliases } from './endpoint-aliases.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('endpoint aliases', () => {
  it('reads a container once when first asked, and again when it joins a network', async () => {
    let answer: ContainerAliases = new Map([['net1', ['web']]]);
    const reads: string[] = [];
    let reread = 0;
    const aliases = new EndpointAliases(
      {
        read: (id) => {
          reads.push(id);
          return Promise.resolve(answer);
        },
      },
      () => reread++,
      () => {},
    );
    expect(aliases.aliases('c1', { id: 'net1', name: 'todo' })).toEqual([]);
    aliases.aliases('c1', { id: 'net1', name: 'todo' });
    await tick();
    expect(aliases.aliases('c1', { id: 'net1', name: 'todo' })).toEqual(['web']);
    expect(reads).toEqual(['c1']);
    expect(reread).toBe(1);

    answer = new Map([['net1', ['web', 'www']]]);
    aliases.refresh('c1');
    await tick();
    expect(aliases.aliases('c1', { id: 'net1', name: 'todo' })).toEqual(['web', 'www']);
    expect(reads).toEqual(['c1', 'c1']);
  });

  it('leaves out the short id the engine adds, and keys by network id and name', () => {
    const id = 'abcdef0123456789';
    const read = aliasesOfInspect({
      Id: id,
      NetworkSettings: {
        Networks: { todo: { NetworkID: 'n1', Aliases: ['db', id.slice(0, 12)] }, bridge: {} },
      },
    });
    expect(read.get('todo')).toEqual(['db']);
    expect(read.get('n1')).toEqual(['db']);
    expect(read.get('bridge')).toEqual([]);
  });
});
