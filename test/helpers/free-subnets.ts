// IPv4 /24s that no host route uses, for user networks in tests: engines of
// suites running side by side make host bridges, and two bridges on one range
// would break each other's routing.
import { readFile } from 'node:fs/promises';
import {
  parseProcNetRoute,
  pickFreeSubnet,
  rangeOf,
  usedRanges,
} from '../../electron/engine/subnet.ts';

export async function freeSubnets(count: number): Promise<string[]> {
  const picked: string[] = [];
  for (let i = 0; i < count; i++) {
    const used = [
      ...usedRanges(parseProcNetRoute(await readFile('/proc/net/route', 'utf8'))),
      ...picked.map(rangeOf),
    ];
    const candidates = Array.from(
      { length: 200 },
      (_, k) => `10.${150 + (k % 50)}.${Math.floor(Math.random() * 256)}.0/24`,
    );
    const cidr = pickFreeSubnet(candidates, used);
    if (!cidr) throw new Error('No free 10.150-199.x.0/24 for test networks');
    picked.push(cidr);
  }
  return picked;
}
