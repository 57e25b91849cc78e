/**
 * Whether two connection settings name the same server: the agency database (AGENCY_DB_URL) and
 * the shared store (EVENT_STORE_URL). The witness copy in the agency database is worth something
 * only if whoever runs the store cannot also edit it, so the service warns at start when they
 * share one.
 */

/** A server a connection setting names: lower-case host (loopback names folded into one) and port. */
export interface ServerAddress {
  host: string;
  port: number;
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = {
  postgres: 5432,
  postgresql: 5432,
  esdb: 2113,
  'esdb+discover': 2113,
  kurrentdb: 2113,
  'kurrentdb+discover': 2113,
};

/** What every name of this machine becomes, so localhost, 127.0.0.1, ::1 and a socket compare equal. */
const LOCAL = 'localhost';

function normalHost(raw: string): string {
  // A directory is PostgreSQL's Unix socket: this machine.
  if (raw === '' || raw.startsWith('/')) return LOCAL;
  let host: string;
  try {
    // The URL parser folds case, IPv6 spellings ([0:0::1] → [::1]) and short IPv4 forms (127.1).
    host = new URL(`http://${raw}/`).hostname;
  } catch {
    host = raw.toLowerCase();
  }
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host === 'localhost' || host === '[::1]' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)) return LOCAL;
  return host;
}

/**
 * The servers a connection setting names: one for `postgres://host:port/…`, each seed of an
 * EventStoreDB cluster (`esdb://a:2113,b:2113`), none for `sqlite:` (a file of the service's own)
 * or a scheme this does not know.
 */
export function serversOf(url: string): ServerAddress[] {
  const match = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/is.exec(url.trim());
  if (!match) return [];
  const scheme = match[1]!.toLowerCase();
  const defaultPort = DEFAULT_PORTS[scheme];
  if (defaultPort === undefined) return [];
  const rest = match[2]!;
  const end = rest.search(/[/?#]/);
  let authority = end === -1 ? rest : rest.slice(0, end);
  const queryStart = rest.indexOf('?', end === -1 ? rest.length : end);
  const query = new URLSearchParams(queryStart === -1 ? '' : rest.slice(queryStart + 1).split('#')[0]);
  const at = authority.lastIndexOf('@');
  if (at !== -1) authority = authority.slice(at + 1);
  // PostgreSQL's client takes the host and port from the query first (`?host=/var/run/postgresql&port=5433`).
  const isPostgres = scheme === 'postgres' || scheme === 'postgresql';
  const queryHost = isPostgres ? query.get('host') : null;
  const queryPort = isPostgres ? query.get('port') : null;
  const hosts = queryHost ? queryHost.split(',') : authority.split(',');
  return hosts.map((hostPort) => {
    let host = hostPort;
    let port: string | undefined;
    const bracket = /^(\[[^\]]*\])(?::(\d+))?$/.exec(hostPort);
    if (bracket) {
      host = bracket[1]!;
      port = bracket[2];
    } else {
      const colon = hostPort.lastIndexOf(':');
      if (colon !== -1 && hostPort.indexOf(':') === colon) {
        host = hostPort.slice(0, colon);
        port = hostPort.slice(colon + 1);
      }
    }
    const number = Number(queryPort || port || defaultPort);
    return { host: normalHost(decoded(host)), port: Number.isInteger(number) ? number : defaultPort };
  });
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * True when the two connection settings name a server in common (same host and port, with
 * localhost, 127.0.0.1, ::1 and a local socket counted as one host). False when either names no
 * server (`sqlite:`).
 */
export function sameServer(a: string, b: string): boolean {
  const first = serversOf(a);
  return serversOf(b).some((other) => first.some((one) => one.host === other.host && one.port === other.port));
}
