export type * from './port.js';
export * from './errors.js';
export { canonicalJson, NotJson } from './canonical.js';
export { recomputeHash, verifyEvents } from './hash-chain.js';
export { DEFAULT_MAX_EVENT_BYTES } from './validate.js';
export { SqliteEventStore, type SqliteStoreOptions } from './engines/sqlite.js';
