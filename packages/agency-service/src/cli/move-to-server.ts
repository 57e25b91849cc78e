/**
 * Moves an agency's own data (users, sessions, keys, the vault, the logs, the witness copy) from
 * its SQLite file under DATA_DIR to the PostgreSQL schema AGENCY_DB_URL names (issue 17): the step
 * from one instance to replicas. Stop the service first; run with its settings:
 *   AGENCY_DB_URL=postgres://… node --conditions=source --import tsx packages/agency-service/src/cli/move-to-server.ts --agency union [--data-dir ./data]
 * then start every replica with AGENCY_DB_URL. The file is only read: keep it as the backup of the
 * moment. A schema that already holds data is refused with nothing written (docs/agency-database.md).
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { agencySchema, copyOwnData, CopyRefused, OWN_DATA_COMPONENTS, PostgresSqlDb, SqliteSqlDb } from '@hub/service-kit';
import { agencyDbSettings, agencyPaths } from '../paths.js';
import { SIGNATURE_REPAIR_MIGRATIONS } from '../repair/worker.js';
import { WITNESS_MIGRATIONS } from '../witness/copy.js';

/** Everything an agency service keeps in its own database: service-kit's components and the agency's own. */
export const AGENCY_OWN_DATA = [
  ...OWN_DATA_COMPONENTS,
  { component: 'witness', migrations: WITNESS_MIGRATIONS },
  { component: 'signature-repair', migrations: SIGNATURE_REPAIR_MIGRATIONS },
];

export async function runMoveToServer(
  argv: string[],
  env: Readonly<Record<string, string | undefined>>,
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): Promise<number> {
  const usage =
    '用法：move-to-server --agency <union|procuratorate|hr_bureau|court> [--data-dir ./data]（需设置 AGENCY_DB_URL）· usage: move-to-server --agency <id> [--data-dir ./data], with AGENCY_DB_URL set\n';
  let values: { agency?: string | undefined; 'data-dir'?: string | undefined };
  try {
    ({ values } = parseArgs({ args: argv, options: { agency: { type: 'string' }, 'data-dir': { type: 'string' } }, strict: true }));
  } catch {
    io.stderr.write(usage);
    return 2;
  }
  const agency = agencySchema.safeParse(values.agency);
  if (!agency.success) {
    io.stderr.write(usage);
    return 2;
  }
  const settings = agencyDbSettings(agency.data, env);
  if (!settings.url) {
    io.stderr.write(`没有设置 AGENCY_DB_URL：不知道搬到哪里 · AGENCY_DB_URL is not set: nowhere to move to\n${usage}`);
    return 2;
  }
  const dataDir = String(values['data-dir'] ?? env['DATA_DIR'] ?? './data');
  const file = agencyPaths(dataDir, agency.data).localDb;
  if (!existsSync(file)) {
    io.stderr.write(`没有找到本机构的数据文件 ${file} · no data file at ${file} (check --data-dir)\n`);
    return 1;
  }
  const source = SqliteSqlDb.open(file);
  const target = new PostgresSqlDb({ url: settings.url, schema: settings.schema, max: 2 });
  try {
    const copied = await copyOwnData(source, target, AGENCY_OWN_DATA, (table, rows) => io.stdout.write(`${table}\t${rows}\n`));
    const rows = copied.reduce((sum, t) => sum + t.rows, 0);
    io.stdout.write(
      `已搬迁 ${copied.length} 张表、${rows} 行到 ${target.location} · moved ${copied.length} tables, ${rows} rows to ${target.location}; ` +
        `now start every replica with AGENCY_DB_URL; ${file} was only read (keep it as a backup)\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof CopyRefused) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await source.close();
    await target.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runMoveToServer(process.argv.slice(2), process.env, { stdout: process.stdout, stderr: process.stderr });
}
