/**
 * The whole system as `pnpm start` runs it (scripts/start.ts, in a child process, without the
 * demo), on a seeded store: every service on a free port, the hub's read models built from the
 * seeded events before anything is measured (that first build is timed and reported apart).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
export const BENCH_PASSWORD = 'bench-console-2026';

export interface Running {
  url: string;
  agencyUrls: Record<string, string>;
  /** How long the hub took to bring every read model to the store's head after it started. */
  firstBuildMs: number;
  token(agency: string, username: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startOn(dir: string, log: (line: string) => void): Promise<Running> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dir,
    EVENT_STORE_URL: `sqlite:${join(dir, 'hub.db')}`,
    // The seeded agencies' keys are published in the store only (seed.ts).
    TRUST_STORE_KEYS: '1',
    HUB_PORT: '0',
    UNION_PORT: '0',
    PROCURATORATE_PORT: '0',
    HR_BUREAU_PORT: '0',
    COURT_PORT: '0',
    HUB_DEMO_PASSWORD: BENCH_PASSWORD,
    LOG_LEVEL: 'error',
    // The benchmark signs its auditor in with a password alone (the second factor has its own specs).
    TOTP_REQUIRED_ROLES: 'none',
  };
  const child: ChildProcess = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'scripts/start.ts', '--quiet'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  const started = Date.now();
  while (!/演示账号 demo logins/.test(output)) {
    if (child.exitCode !== null || Date.now() - started > 300_000) {
      await stop();
      throw new Error(`the system did not start:\n${output}`);
    }
    await sleep(200);
  }
  const url = /网页控制台 web console: (http:\/\/\S+?)\/?$/m.exec(output)?.[1];
  const agencyUrls = Object.fromEntries(
    ['union', 'procuratorate', 'hr_bureau', 'court'].map((a) => [a, new RegExp(`\\b${a}\\s+(http://\\S+)`).exec(output)?.[1] ?? '']),
  );
  if (!url || Object.values(agencyUrls).some((u) => u === '')) {
    await stop();
    throw new Error(`could not read the addresses from:\n${output}`);
  }
  const token = async (agency: string, username: string): Promise<string> => {
    const res = await fetch(`${agencyUrls[agency]}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: BENCH_PASSWORD }),
    });
    if (res.status !== 201) throw new Error(`login ${agency}/${username}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { token: string }).token;
  };
  // Every model at the head: the admin status lists each projection's position against the store's.
  const admin = await token('union', 'auditor');
  log('hub: building its read models from the seeded store…');
  for (;;) {
    const res = await fetch(`${url}/api/cases?limit=1`, { headers: { authorization: `Bearer ${admin}` } }).catch(() => null);
    const body = res?.ok ? ((await res.json()) as { upToDate: boolean; total: number }) : null;
    const rect = body?.upToDate
      ? await fetch(`${url}/api/rectifications?limit=1`, { headers: { authorization: `Bearer ${admin}` } }).then(
          (r) => r.json() as Promise<{ upToDate: boolean }>,
        )
      : null;
    if (body?.upToDate && rect?.upToDate) break;
    if (child.exitCode !== null) throw new Error(`the system stopped:\n${output}`);
    await sleep(1000);
  }
  return { url, agencyUrls, firstBuildMs: Date.now() - started, token, stop };
}
