import { SqliteEventStore } from './engines/sqlite.js';
import type { EventStore } from './port.js';

/** The default: an embedded SQLite file under ./data. */
export const DEFAULT_EVENT_STORE_URL = 'sqlite:./data/hub.db';

/**
 * Opens the engine a connection setting names, by scheme:
 * - `sqlite:<path>` (or `sqlite::memory:`)
 * - `postgres://…` / `postgresql://…`
 * - `esdb://…`, `esdb+discover://…`, `kurrentdb://…`, `kurrentdb+discover://…`
 */
export async function connect(url: string = process.env['EVENT_STORE_URL'] ?? DEFAULT_EVENT_STORE_URL): Promise<EventStore> {
  const scheme = url.slice(0, url.indexOf(':') + 1);
  switch (scheme) {
    case 'sqlite:':
      return new SqliteEventStore({ path: url.slice('sqlite:'.length) });
    case 'postgres:':
    case 'postgresql:': {
      const { PostgresEventStore } = await import('./engines/postgres.js');
      return PostgresEventStore.connect({ connectionString: url });
    }
    case 'esdb:':
    case 'esdb+discover:':
    case 'kurrentdb:':
    case 'kurrentdb+discover:': {
      const { EsdbEventStore } = await import('./engines/esdb.js');
      return EsdbEventStore.connect({ connectionString: url });
    }
    default:
      throw new Error(`EVENT_STORE_URL "${url}": unknown scheme; use sqlite:, postgres:// or esdb://`);
  }
}
