import type { ReadModelDb } from './projection.js';

/**
 * Prepares a read model's statements once per connection rather than once per event. Keyed by
 * connection, since a rebuild fills a different file through a different one.
 */
export function statementsPer<T>(prepare: (db: ReadModelDb) => T): (db: ReadModelDb) => T {
  const cache = new WeakMap<ReadModelDb, T>();
  return (db) => {
    let statements = cache.get(db);
    if (!statements) {
      statements = prepare(db);
      cache.set(db, statements);
    }
    return statements;
  };
}
