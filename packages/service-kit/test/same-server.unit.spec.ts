import { describe, expect, it } from 'vitest';
import { sameServer, serversOf } from '../src/index.js';

/** The start-up warning's test: is the agency database on the shared store's server? */
describe('sameServer', () => {
  it('the same PostgreSQL server, whatever the database, user, password or options', () => {
    expect(sameServer('postgres://hub:secret@db.example:5432/hub', 'postgres://union@db.example:5432/agency?sslmode=require')).toBe(true);
    expect(sameServer('postgresql://DB.Example/hub', 'postgres://db.example:5432/union')).toBe(true);
    expect(sameServer('postgres://u:p%40ss@db.example/hub', 'postgres://db.example.:5432/x')).toBe(true);
  });

  it('another host or another port is another server', () => {
    expect(sameServer('postgres://store.example/hub', 'postgres://union-db.example/union')).toBe(false);
    expect(sameServer('postgres://db.example:5432/hub', 'postgres://db.example:5433/union')).toBe(false);
    expect(sameServer('postgres://10.0.0.1/hub', 'postgres://10.0.0.2/union')).toBe(false);
  });

  it('localhost, 127.0.0.1, ::1 and a local socket are one host', () => {
    expect(sameServer('postgres://postgres@127.0.0.1:5432/test', 'postgres://localhost/agency')).toBe(true);
    expect(sameServer('postgres://[::1]:5432/hub', 'postgres://127.0.0.1/agency')).toBe(true);
    expect(sameServer('postgres://[0:0:0:0:0:0:0:1]/hub', 'postgres://LOCALHOST:5432/agency')).toBe(true);
    expect(sameServer('postgres:///hub', 'postgres://localhost/agency')).toBe(true);
    expect(sameServer('postgres://%2Fvar%2Frun%2Fpostgresql/hub', 'postgres://localhost/agency')).toBe(true);
    expect(sameServer('postgres://localhost:5433/hub', 'postgres://127.0.0.1:5432/agency')).toBe(false);
  });

  it("PostgreSQL's host and port in the query win over the address before them", () => {
    expect(sameServer('postgres://user@/hub?host=/var/run/postgresql', 'postgres://127.0.0.1/agency')).toBe(true);
    expect(sameServer('postgres://ignored.example/hub?host=db.example&port=6432', 'postgres://db.example:6432/agency')).toBe(true);
    expect(sameServer('postgres://db.example:5432/hub?port=6432', 'postgres://db.example:5432/agency')).toBe(false);
  });

  it('an EventStoreDB cluster shares a server when any seed is it', () => {
    const cluster = 'esdb://node1:2113,node2:2113,node3:2113?tls=false';
    expect(serversOf(cluster)).toEqual([
      { host: 'node1', port: 2113 },
      { host: 'node2', port: 2113 },
      { host: 'node3', port: 2113 },
    ]);
    expect(sameServer(cluster, 'postgres://node2:2113/agency')).toBe(true);
    expect(sameServer(cluster, 'postgres://node2/agency')).toBe(false);
    expect(sameServer('esdb+discover://admin:changeit@cluster.example?tls=true', 'kurrentdb://cluster.example:2113')).toBe(true);
    expect(sameServer('esdb://localhost:2113?tls=false', 'kurrentdb+discover://127.0.0.1')).toBe(true);
  });

  it('a SQLite store is a file of the service, on no server', () => {
    expect(serversOf('sqlite:./data/hub.db')).toEqual([]);
    expect(serversOf('sqlite::memory:')).toEqual([]);
    expect(sameServer('sqlite:./data/hub.db', 'postgres://localhost/agency')).toBe(false);
    expect(sameServer('not a url', 'postgres://localhost/agency')).toBe(false);
  });

  it('default ports: 5432 for PostgreSQL, 2113 for EventStoreDB', () => {
    expect(serversOf('postgres://db.example/hub')).toEqual([{ host: 'db.example', port: 5432 }]);
    expect(serversOf('esdb://store.example')).toEqual([{ host: 'store.example', port: 2113 }]);
    expect(serversOf('postgres://[2001:DB8::1]:5433/hub')).toEqual([{ host: '[2001:db8::1]', port: 5433 }]);
  });
});
