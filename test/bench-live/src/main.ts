/**
 * `pnpm bench:live [--quick] [--json] [--engine sqlite|postgres] [--part live|rebuild] [--duration S]
 * [--clients N] [--rates N,N…] [--events N] [--cpu-prof DIR] [--keep] [--clients-in-process]`: the
 * whole system on one machine (live feed under command load, once per rate) and a full read-model
 * rebuild. Progress goes to stderr; with --json, stdout holds only the figures as JSON.
 */
import { resolve } from 'node:path';
import { format } from 'node:util';
import { ENGINES, type Engine } from './engine.js';
import { formatReport } from './report.js';
import { PARTS, runBench, type Part, type RunOptions } from './run.js';
import { parseRates } from './targets.js';

const USAGE =
  'usage: pnpm bench:live [--quick] [--json] [--engine sqlite|postgres] [--part live|rebuild] [--duration S] [--clients N] [--rates N,N…] [--events N] [--cpu-prof DIR] [--keep] [--clients-in-process]\n(--rate N is --rates N; on postgres the databases are made on BENCH_PG_URL, else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres)';
// pnpm passes the `--` of `pnpm bench:live -- --json` through; it means nothing here.
const argv = process.argv.slice(2).filter((a) => a !== '--');
const flags = new Set<string>();
const values = new Map<string, string>();
const VALUED = ['--engine', '--part', '--duration', '--clients', '--rate', '--rates', '--events', '--cpu-prof'];
function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i]!;
  if (arg === '--help' || arg === '-h') {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const eq = arg.indexOf('=');
  const name = eq > 0 ? arg.slice(0, eq) : arg;
  if (VALUED.includes(name)) {
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) fail(`${name} needs a value`);
    values.set(name, value);
  } else if (arg === '--quick' || arg === '--json' || arg === '--keep' || arg === '--clients-in-process') flags.add(arg);
  else fail(`unknown option ${arg}`);
}
const positive = (name: string): number | undefined => {
  const raw = values.get(name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) fail(`${name} must be a positive number`);
  return n;
};
const part = values.get('--part');
if (part !== undefined && !PARTS.includes(part as Part)) fail(`--part must be one of ${PARTS.join(', ')}`);
const engine = values.get('--engine');
if (engine !== undefined && !ENGINES.includes(engine as Engine)) fail(`--engine must be one of ${ENGINES.join(', ')}`);
if (values.has('--rate') && values.has('--rates')) fail('give --rate or --rates, not both');
let rates: number[] | undefined;
const ratesRaw = values.get('--rates') ?? values.get('--rate');
if (ratesRaw !== undefined) {
  try {
    rates = parseRates(ratesRaw);
  } catch (error) {
    fail(`--rates: ${(error as Error).message}`);
  }
}

// Keep stdout for the report (or the JSON) alone.
for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  console[method] = (...items: unknown[]) => process.stderr.write(`${format(...items)}\n`);
}
const duration = positive('--duration');
const clients = positive('--clients');
const events = positive('--events');
const cpuProf = values.get('--cpu-prof');
const options: RunOptions = {
  quick: flags.has('--quick'),
  keep: flags.has('--keep'),
  clientsInProcess: flags.has('--clients-in-process'),
  ...(engine ? { engine: engine as Engine } : {}),
  ...(part ? { parts: [part as Part] } : {}),
  live: {
    ...(duration !== undefined ? { durationS: duration } : {}),
    ...(clients !== undefined ? { clients: Math.round(clients) } : {}),
    ...(rates !== undefined ? { rates } : {}),
  },
  ...(events !== undefined ? { rebuild: { events: Math.round(events) } } : {}),
  ...(cpuProf !== undefined ? { cpuProfDir: resolve(process.env['INIT_CWD'] ?? process.cwd(), cpuProf) } : {}),
  log: (line) => process.stderr.write(`[${(performance.now() / 1000).toFixed(1)}s] ${line}\n`),
};
const report = await runBench(options);
process.stdout.write(flags.has('--json') ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
// Anything still open (a socket a child left half-closed) must not keep the run alive.
process.exit(Object.keys(report.errors).length > 0 ? 1 : 0);
