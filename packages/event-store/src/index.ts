export type * from './port.js';
export * from './errors.js';
export { canonicalJson, NotJson } from './canonical.js';
export { HASH_ALGORITHMS, hashAlgorithmOf, hashingWith, recomputeHash, verifyEvents, type HashAlgorithm } from './hash-chain.js';
export { DEFAULT_MAX_EVENT_BYTES } from './validate.js';
export { MAX_INT64 } from './revision.js';
export { subscribeToAllResuming, subscribeToStreamResuming, type ResumeOptions, type ResumingSubscription, type SubscriptionHealth } from './resuming.js';
export { SqliteEventStore, type CommitStats, type SqliteStoreOptions } from './engines/sqlite.js';
export { connect, DEFAULT_EVENT_STORE_URL, type ConnectOptions } from './connect.js';
// The postgres and esdb engines load their drivers (pg, gRPC) only when asked for:
// import them from '@hub/event-store/postgres' and '@hub/event-store/esdb', or let connect() choose.
