/**
 * Fixes an agency's keys in the deployment's trust file, at set-up: the keys come from the
 * agency's own key ring (its local database under DATA_DIR, or its schema at AGENCY_DB_URL), never from the shared store, so
 * the file says what the agency holds and not what someone appended in its name.
 *   node --conditions=source --import tsx packages/agency-service/src/cli/trust.ts add --agency court \
 *     [--data-dir ./data] [--trust-file ./data/trust.json]
 *   … trust.ts show [--trust-file …]
 * `add` makes the agency's keys first if the service never ran (as the service would), and keeps
 * every anchor the file already holds. TRUST_FILE and DATA_DIR are read when the flags are absent.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { addTrustAnchors, agencySchema, cryptoSuiteOf, KeyRing, publishedKeyOf, readTrustFile, TRUST_FILE_NAME } from '@hub/service-kit';
import { agencyKek } from '../paths.js';
import { openAgencyDb } from './agency-db.js';

export interface TrustCliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

const USAGE =
  '用法 usage: trust.ts add --agency <union|procuratorate|hr_bureau|court> [--data-dir DIR] [--trust-file FILE] | trust.ts show [--trust-file FILE]\n';

export async function runTrustCli(argv: string[], env: Readonly<Record<string, string | undefined>>, io: TrustCliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { agency: { type: 'string' }, 'data-dir': { type: 'string' }, 'trust-file': { type: 'string' } },
    });
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const dataDir = values['data-dir'] ?? env['DATA_DIR'] ?? './data';
  const trustFile = values['trust-file'] ?? env['TRUST_FILE'] ?? join(dataDir, TRUST_FILE_NAME);
  try {
    if (positionals[0] === 'show') {
      const file = readTrustFile(trustFile);
      if (!file) {
        io.stderr.write(`没有信任文件 no trust file at ${trustFile}\n`);
        return 1;
      }
      for (const k of file.anchors) io.stdout.write(`${k.agency}\t${k.purpose}\t${k.keyId}\t${k.publicKey}\n`);
      return 0;
    }
    const agency = agencySchema.safeParse(values.agency);
    if (positionals[0] !== 'add' || !agency.success) {
      io.stderr.write(USAGE);
      return 2;
    }
    const db = openAgencyDb(dataDir, agency.data, env);
    try {
      // CRYPTO_SUITE as the service's: the keys made (or kept) are the suite's, Ed25519 or SM2.
      const keyring = await KeyRing.open(db, undefined, agencyKek(dataDir, agency.data, env), cryptoSuiteOf(env));
      await keyring.current('events');
      await keyring.current('sessions');
      const keys = [...keyring.all('events'), ...keyring.all('sessions')].map((pair) => publishedKeyOf(agency.data, pair));
      const added = addTrustAnchors(trustFile, keys);
      for (const k of added) io.stdout.write(`已加入 added ${k.agency} ${k.purpose} ${k.keyId}\n`);
      io.stdout.write(
        `信任文件 trust file ${trustFile}: ${added.length === 0 ? '已包含这些密钥 already holds these keys' : `加入 ${added.length} 个密钥 ${added.length} keys added`}\n`,
      );
    } finally {
      await db.close();
    }
    return 0;
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runTrustCli(process.argv.slice(2), process.env, { stdout: process.stdout, stderr: process.stderr });
}
