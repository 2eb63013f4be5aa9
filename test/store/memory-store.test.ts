import { memoryStore, type Store } from '@modelmux/core';
import { storeContract } from './store-contract.js';

storeContract('memory', {
  shared: false,
  async backend(options) {
    // Instances share a memory store only by holding the same object.
    const store: Store = memoryStore(options);
    return { open: async () => store };
  },
});
