/**
 * Numbers the cases an agency opened before case numbers existed, in opening order (see
 * case-numbers/backfill.ts). Run once per agency after the upgrade, before its service takes new
 * cases, with the service's settings (EVENT_STORE_URL, DATA_DIR, CASE_NUMBER_PATTERN, …):
 *   node --conditions=source --import tsx packages/agency-service/src/cli/number-cases.ts --agency union [--data-dir ./data]
 * It prints each case and its number; run again, it numbers only what is still unnumbered.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { connect, hashingWith } from '@hub/event-store';
import { agencySchema, createSigner, cryptoSuiteOf, KeyRing } from '@hub/service-kit';
import { numberOldCases } from '../case-numbers/backfill.js';
import { caseNumberSettings } from '../case-numbers/pattern.js';
import { agencyKek } from '../paths.js';
import { NumberRegister } from '../register/index.js';
import { openAgencyDb } from './agency-db.js';

export async function runNumberCases(
  argv: string[],
  env: Readonly<Record<string, string | undefined>>,
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { agency: { type: 'string' }, 'data-dir': { type: 'string' } }, strict: true });
  const agency = agencySchema.safeParse(values.agency);
  if (!agency.success) {
    io.stderr.write(
      '用法：number-cases --agency <union|procuratorate|hr_bureau|court> [--data-dir ./data] · usage: number-cases --agency <id> [--data-dir ./data]\n',
    );
    return 2;
  }
  const caseNumbers = caseNumberSettings(agency.data, env);
  const dataDir = String(values['data-dir'] ?? env['DATA_DIR'] ?? './data');
  const kek = agencyKek(dataDir, agency.data, env);
  // The deployment's suite (CRYPTO_SUITE), as the service's: its hash for the events, its key (SM2 under gm) for the proofs.
  const suite = cryptoSuiteOf(env);
  const db = openAgencyDb(dataDir, agency.data, env);
  const store = hashingWith(await connect(env['EVENT_STORE_URL']), suite.hashAlg);
  try {
    const signer = createSigner(await (await KeyRing.open(db, undefined, kek, suite)).current('events'));
    const register = new NumberRegister({ store, agency: agency.data, signer });
    const numbered = await numberOldCases({ agency: agency.data, store, signer, register, caseNumbers }, (n) =>
      io.stdout.write(`${n.caseNumber}\t${n.caseId}\t${n.openedAt}\n`),
    );
    io.stdout.write(`已编号 ${numbered.length} 件旧案 · numbered ${numbered.length} case(s) opened before numbering\n`);
    return 0;
  } finally {
    await store.close();
    await db.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runNumberCases(process.argv.slice(2), process.env, { stdout: process.stdout, stderr: process.stderr });
}
