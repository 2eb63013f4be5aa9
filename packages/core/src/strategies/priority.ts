import type { Strategy } from './strategy.js';

/** A fallback chain: members in the order the route lists them. */
export const priorityStrategy: Strategy = {
  name: 'priority',
  order: ({ members }) => members,
};
