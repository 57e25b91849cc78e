import { SqliteEventStore } from './engines/sqlite.js';
import type { EventStore } from './port.js';

/** The default: an embedded SQLite file under ./data. */
export const DEFAULT_EVENT_STORE_URL = 'sqlite:./data/hub.db';

/** What every engine takes beside its connection setting. */
export interface ConnectOptions {
  /**
   * The clock the store reads each event's recordedAt from; default real time. A demo loader or
   * an import passes one that reads past instants. recordedAt never goes back in position order:
   * a reading earlier than the newest recordedAt already stored gets that one (see recorded-at.ts
   * for how far each engine sees "already stored").
   */
  clock?: () => Date;
}

/**
 * Opens the engine a connection setting names, by scheme:
 * - `sqlite:<path>` (or `sqlite::memory:`)
 * - `postgres://…` / `postgresql://…`
 * - `esdb://…`, `esdb+discover://…`, `kurrentdb://…`, `kurrentdb+discover://…`
 */
export async function connect(url: string = process.env['EVENT_STORE_URL'] ?? DEFAULT_EVENT_STORE_URL, options: ConnectOptions = {}): Promise<EventStore> {
  const common = options.clock ? { clock: options.clock } : {};
  const scheme = url.slice(0, url.indexOf(':') + 1);
  switch (scheme) {
    case 'sqlite:':
      return new SqliteEventStore({ path: url.slice('sqlite:'.length), ...common });
    case 'postgres:':
    case 'postgresql:': {
      const { PostgresEventStore } = await import('./engines/postgres.js');
      return PostgresEventStore.connect({ connectionString: url, ...common });
    }
    case 'esdb:':
    case 'esdb+discover:':
    case 'kurrentdb:':
    case 'kurrentdb+discover:': {
      const { EsdbEventStore } = await import('./engines/esdb.js');
      return EsdbEventStore.connect({ connectionString: url, ...common });
    }
    default:
      throw new Error(`EVENT_STORE_URL "${url}": unknown scheme; use sqlite:, postgres:// or esdb://`);
  }
}
