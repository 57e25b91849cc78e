/**
 * Says plainly which event-store engines this run covers. In CI an engine whose server is
 * configured must run: DATABASE_URL is required there, since CI always has PostgreSQL.
 */
export default function setup(): void {
  // Each vitest project runs the global setup; report once per run.
  const flag = globalThis as { __hubEnginesReported?: boolean };
  if (flag.__hubEnginesReported) return;
  flag.__hubEnginesReported = true;
  const lines = ['event-store engines: sqlite (always)'];
  lines.push(process.env['DATABASE_URL'] ? 'postgres: DATABASE_URL is set, its suite runs' : 'postgres skipped: no DATABASE_URL');
  lines.push(process.env['EVENTSTORE_URL'] ? 'esdb: EVENTSTORE_URL is set, its suite runs' : 'esdb skipped: no EVENTSTORE_URL');
  process.stdout.write(lines.map((l) => `${l}\n`).join(''));
  if (process.env['CI'] && !process.env['DATABASE_URL']) {
    throw new Error('CI must run the postgres engine suite: set DATABASE_URL (bash .ci/run does)');
  }
}
