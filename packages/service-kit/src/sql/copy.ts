import type { OwnDataComponent } from '../own-data.js';
import type { PostgresSqlDb } from './postgres.js';
import type { SqliteSqlDb } from './sqlite.js';

export class CopyRefused extends Error {
  override readonly name = 'CopyRefused';
}

export interface CopiedTable {
  table: string;
  rows: number;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Moves a service's own data from its SQLite file to a PostgreSQL schema (issue 17: one instance
 * on SQLite becoming replicas on a server): both are brought to the components' latest migration,
 * then every table's rows are copied in one transaction, parents before the tables that refer to
 * them, in the file's row order, and counted again on arrival. Columns PostgreSQL numbers itself
 * (identity) are left to it; the order they number in is the file's. The target must be empty: a
 * schema already in use is refused with nothing written. The file is only read.
 */
export async function copyOwnData(
  source: SqliteSqlDb,
  target: PostgresSqlDb,
  components: readonly OwnDataComponent[],
  progress: (table: string, rows: number) => void = () => {},
): Promise<CopiedTable[]> {
  for (const { component, migrations } of components) {
    await source.migrate(component, migrations);
    await target.migrate(component, migrations);
  }
  const raw = source.raw;
  const tables = (
    raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);
  const targetColumns = await target.all<{ table_name: string; column_name: string; is_identity: string }>(
    'SELECT table_name, column_name, is_identity FROM information_schema.columns WHERE table_schema = ?',
    [target.schema],
  );
  const columnsIn = new Map<string, { name: string; identity: boolean }[]>();
  for (const c of targetColumns) {
    const list = columnsIn.get(c.table_name) ?? [];
    list.push({ name: c.column_name, identity: c.is_identity === 'YES' });
    columnsIn.set(c.table_name, list);
  }
  const missing = tables.filter((t) => !columnsIn.has(t));
  if (missing.length > 0) throw new CopyRefused(`the PostgreSQL schema ${target.schema} has no table ${missing.join(', ')}: is the code older than the file?`);
  for (const table of tables) {
    const row = await target.get<{ n: number }>(`SELECT count(*) AS n FROM ${quote(table)}`);
    if (Number(row?.n ?? 0) > 0)
      throw new CopyRefused(`目标库已有数据（${table}），未复制任何内容 the schema ${target.schema} already holds data (${table}): nothing was copied`);
  }

  // Parents first: a table is copied after every table its foreign keys name.
  const parents = new Map(tables.map((t) => [t, (raw.prepare(`PRAGMA foreign_key_list(${quote(t)})`).all() as { table: string }[]).map((f) => f.table)]));
  const ordered: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (ordered.includes(table) || path.has(table)) return;
    path.add(table);
    for (const parent of parents.get(table) ?? []) if (parent !== table) visit(parent, path);
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());

  const copied: CopiedTable[] = [];
  await target.transaction(async (tx) => {
    for (const table of ordered) {
      const own = (raw.prepare(`PRAGMA table_info(${quote(table)})`).all() as { name: string }[]).map((c) => c.name);
      const there = columnsIn.get(table)!;
      const columns = own.filter((name) => there.some((c) => c.name === name && !c.identity));
      const lacking = there.filter((c) => !c.identity && !own.includes(c.name)).map((c) => c.name);
      if (columns.length === 0) continue;
      const withoutRowid = /WITHOUT ROWID/i.test((raw.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(table) as { sql: string }).sql);
      const select = raw.prepare(`SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)}${withoutRowid ? '' : ' ORDER BY rowid'}`).raw(true);
      const insert = `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
      let rows = 0;
      for (const values of select.iterate() as Iterable<unknown[]>) {
        await tx.run(insert, values as never);
        rows++;
      }
      const arrived = await tx.get<{ n: number }>(`SELECT count(*) AS n FROM ${quote(table)}`);
      if (Number(arrived?.n) !== rows) throw new CopyRefused(`${table}: ${rows} rows read, ${arrived?.n} arrived`);
      if (lacking.length > 0 && rows > 0) progress(`${table} (${lacking.join(', ')}: the server's defaults)`, rows);
      else progress(table, rows);
      copied.push({ table, rows });
    }
  });
  return copied;
}
