/**
 * Creates an agency's first admin in the local database that agency's service reads:
 *   HUB_ADMIN_PASSWORD=… node --conditions=source --import tsx packages/agency-service/src/cli/create-admin.ts \
 *     --agency court --username admin [--data-dir ./data]
 * Without HUB_ADMIN_PASSWORD it asks for the password on the terminal, without echo.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { agencySchema } from '@hub/service-kit';
import { runCreateAdmin, type CliIo } from '@hub/service-kit/cli';
import { agencyPaths } from '../paths.js';

export async function runAgencyCreateAdmin(argv: string[], env: Readonly<Record<string, string | undefined>>, io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { agency: { type: 'string' }, 'data-dir': { type: 'string' } }, strict: false });
  const agency = agencySchema.safeParse(values.agency);
  if (!agency.success) return runCreateAdmin(argv, env, io); // let the shared CLI say what is wrong
  const rest = argv.filter((arg, i) => arg !== '--data-dir' && argv[i - 1] !== '--data-dir' && !arg.startsWith('--data-dir='));
  const { localDb } = agencyPaths(String(values['data-dir'] ?? env['DATA_DIR'] ?? './data'), agency.data);
  return runCreateAdmin([...rest, '--db', localDb], env, io);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runAgencyCreateAdmin(process.argv.slice(2), process.env, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
}
