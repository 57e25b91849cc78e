/**
 * `pnpm bench:store [--quick] [--json] [--engine sqlite|postgres] [--crypto]`: our event store
 * against Emmett's, same machine, same run, then the chain's hash and signature cost under both
 * cryptographic suites (--crypto: only that). Postgres workloads run when DATABASE_URL is set. Progress goes
 * to stderr; with --json, stdout holds only the JSON list of records.
 */
import { format } from 'node:util';
import { formatCryptoCost, measureCryptoCost } from './crypto-cost.js';
import { formatReport } from './report.js';
import { runBench } from './run.js';
import type { Engine } from './targets/types.js';

const USAGE = 'usage: pnpm bench:store [--quick] [--json] [--engine sqlite|postgres] [--crypto]';
// pnpm passes the `--` of `pnpm bench:store -- --json` through; it means nothing here.
const argv = process.argv.slice(2).filter((a) => a !== '--');
const flags = new Set<string>();
let only: Engine | undefined;
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i]!;
  if (arg === '--help' || arg === '-h') {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const engine = arg === '--engine' ? argv[++i] : arg.startsWith('--engine=') ? arg.slice('--engine='.length) : null;
  if (engine === 'sqlite' || engine === 'postgres') only = engine;
  else if ((arg === '--quick' || arg === '--json' || arg === '--crypto') && engine === null) flags.add(arg);
  else {
    process.stderr.write(`unknown option ${arg} ${engine ?? ''}\n${USAGE}\n`);
    process.exit(2);
  }
}

// Emmett's SQLite store console.logs every error inside a transaction: keep stdout for the report.
for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  console[method] = (...items: unknown[]) => process.stderr.write(`${format(...items)}\n`);
}
const crypto = () => measureCryptoCost(flags.has('--quick') ? 200 : 2000);
if (flags.has('--crypto')) {
  const costs = crypto();
  process.stdout.write(flags.has('--json') ? `${JSON.stringify(costs, null, 2)}\n` : `${formatCryptoCost(costs)}\n`);
  process.exit(0);
}
const databaseUrl = process.env['DATABASE_URL'] || undefined;
if (only === 'postgres' && !databaseUrl) {
  process.stderr.write('--engine postgres needs DATABASE_URL\n');
  process.exit(2);
}
const report = await runBench({
  quick: flags.has('--quick'),
  ...(databaseUrl ? { databaseUrl } : {}),
  ...(only ? { engines: [only] } : {}),
  log: (line) => process.stderr.write(`[${(performance.now() / 1000).toFixed(1)}s] ${line}\n`),
});
if (flags.has('--json')) {
  process.stdout.write(`${JSON.stringify(report.records, null, 2)}\n`);
} else {
  process.stdout.write(`${formatReport(report)}\n\n${formatCryptoCost(crypto())}\n`);
}
