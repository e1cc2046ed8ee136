// The networks domain of the contract (listing, for the New container dialog, today).
import { z } from 'zod';

export interface NetworkCalls {
  'networks.list': { args: []; result: NetworkSummary[] };
}

export interface NetworkSummary {
  id: string;
  name: string;
  driver: string;
}

export const networkCallArgs: {
  [K in keyof NetworkCalls]: z.ZodType<NetworkCalls[K]['args']>;
} = {
  'networks.list': z.tuple([]),
};
