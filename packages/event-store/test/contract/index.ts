import { afterAll, beforeAll, describe } from 'vitest';
import type { EventStore } from '../../src/index.js';
import { appendContract } from './append.js';
import { clockContract } from './clock.js';
import { hashChainContract } from './hash-chain.js';
import { offlineContract } from './offline.js';
import type { ContractTarget } from './harness.js';
import { readContract } from './read.js';
import { subscribeContract } from './subscribe.js';

export type { ContractTarget } from './harness.js';
export { offlineContract } from './offline.js';
export { opaquePositions } from './opaque.js';

/** The one suite every engine passes. Tests share one store; each builds its own stream names. */
export function eventStoreContract(target: ContractTarget): void {
  describe(`EventStore contract: ${target.engine}`, () => {
    let store: EventStore;
    beforeAll(async () => {
      store = await target.open();
    });
    afterAll(async () => {
      await store?.close();
    });
    const get = () => store;
    describe('decided before storage is asked', () => offlineContract(target, get));
    describe('append', () => appendContract(target, get));
    describe('read', () => readContract(get));
    describe('subscribe', () => subscribeContract(target, get));
    describe('hash chain', () => hashChainContract(target, get));
    describe('clock', () => clockContract(target, get));
  });
}
