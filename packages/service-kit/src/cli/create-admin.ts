/**
 * Creates an agency's first admin:
 *   HUB_ADMIN_PASSWORD=… tsx --conditions=source packages/service-kit/src/cli/create-admin.ts --agency union --username admin
 * Without HUB_ADMIN_PASSWORD it asks for the password on the terminal, without echo.
 */
import { createInterface } from 'node:readline';
import { Writable, type Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createFirstAdmin } from '../auth/first-admin.js';
import { agencySchema } from '../auth/schema.js';
import { HttpError } from '../errors.js';
import { localDbPath } from '../local-db.js';
import { defaultAgencySchema, PostgresSqlDb, SqliteSqlDb, type SqlDb } from '../sql/index.js';

export interface CliIo {
  stdin: Readable & { isTTY?: boolean };
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

const USAGE =
  'usage: create-admin --agency <union|procuratorate|hr_bureau|court> --username <name> [--display-name <name>] [--data-dir ./data | --db <file>]\n' +
  '  With AGENCY_DB_URL set (and no --db), the admin is made in the agency schema there (AGENCY_DB_SCHEMA, else agency_<id>).\n';

/** Reads one line; on a terminal the typed characters are not echoed. */
function readSecret(io: CliIo, prompt: string): Promise<string> {
  io.stderr.write(prompt);
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  const rl = createInterface({ input: io.stdin, output: muted, terminal: io.stdin.isTTY === true });
  return new Promise((resolve, reject) => {
    // Raw mode swallows Ctrl-C: treat it as giving up.
    rl.once('SIGINT', () => rl.close());
    rl.once('line', (line) => {
      // resolve before close: close emits 'close' synchronously, which would reject first.
      resolve(line);
      io.stderr.write('\n');
      rl.close();
    });
    rl.once('close', () => reject(new Error('no password given')));
  });
}

/** Returns the exit code; writes only to the given streams. */
export async function runCreateAdmin(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        agency: { type: 'string' },
        username: { type: 'string' },
        'display-name': { type: 'string' },
        'data-dir': { type: 'string' },
        db: { type: 'string' },
      },
    }));
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const agency = agencySchema.safeParse(values.agency);
  if (!agency.success || !values.username) {
    io.stderr.write(USAGE);
    return 2;
  }
  let password = env['HUB_ADMIN_PASSWORD'];
  if (!password) {
    try {
      password = await readSecret(io, '密码 Password: ');
      if (io.stdin.isTTY && password !== (await readSecret(io, '再输入一次 Again: '))) {
        io.stderr.write('两次输入的密码不一致 / The passwords differ\n');
        return 1;
      }
    } catch {
      io.stderr.write('没有输入密码 / No password given\n');
      return 1;
    }
  }
  // The agency's data on a server (AGENCY_DB_URL, shared by its replicas) unless --db names a file.
  const serverUrl = values.db ? undefined : env['AGENCY_DB_URL']?.trim() || undefined;
  const path = values.db ?? localDbPath(values['data-dir'] ?? env['DATA_DIR'] ?? './data', agency.data);
  const db: SqlDb = serverUrl
    ? new PostgresSqlDb({ url: serverUrl, schema: env['AGENCY_DB_SCHEMA']?.trim() || defaultAgencySchema(agency.data), max: 2 })
    : SqliteSqlDb.open(path);
  try {
    const user = await createFirstAdmin({
      db,
      agency: agency.data,
      username: values.username,
      password,
      ...(values['display-name'] ? { displayName: values['display-name'] } : {}),
    });
    io.stdout.write(`已创建管理员 ${user.username}（${user.agency}）/ Created admin ${user.username} of ${user.agency} in ${db.location}\n`);
    return 0;
  } catch (error) {
    if (error instanceof HttpError) {
      io.stderr.write(`${error.message} / ${error.detailEn}\n`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runCreateAdmin(process.argv.slice(2), process.env, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
}
