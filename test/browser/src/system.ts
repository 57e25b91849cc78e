/**
 * The whole system as a user starts it: `scripts/start.ts --demo` (the README's first command,
 * minus the install) in a child process, on a fresh SQLite store in a temporary folder, every
 * service on a free port. The console is built when stale, exactly as `pnpm start` does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// This file runs in vitest's global setup, which resolves no workspace sources: no @hub imports.
type AgencyId = 'union' | 'procuratorate' | 'hr_bureau' | 'court';
const agencyIds: readonly AgencyId[] = ['union', 'procuratorate', 'hr_bureau', 'court'];
/** The demo users' password in this system (the start script sets it from HUB_DEMO_PASSWORD). */
const DEMO_PASSWORD = 'browser-tests-2026';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');

export interface RunningSystem {
  /** The hub, which serves the console: http://127.0.0.1:<port> */
  readonly url: string;
  readonly agencyUrls: Readonly<Record<AgencyId, string>>;
  readonly password: string;
  readonly dataDir: string;
  /** Everything the process printed, for failure messages. */
  output(): string;
  /** Logs in through an agency service's API (for set-up and checks outside the browser). */
  login(agency: AgencyId, username: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * `env`: settings over the defaults. The shared system of the browser specs runs with
 * TOTP_REQUIRED_ROLES=none (its specs sign admins and auditors in with a password); the second
 * factor's spec starts a system of its own with the deployment's default (admin, auditor).
 */
export async function startSystem(options: { readonly timeoutMs?: number; readonly env?: NodeJS.ProcessEnv } = {}): Promise<RunningSystem> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hub-browser-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    EVENT_STORE_URL: `sqlite:${join(dataDir, 'hub.db')}`,
    HUB_PORT: '0',
    ...Object.fromEntries(agencyIds.map((a) => [`${a.toUpperCase()}_PORT`, '0'])),
    HUB_DEMO_PASSWORD: DEMO_PASSWORD,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
    TOTP_REQUIRED_ROLES: 'none',
    ...options.env,
  };
  const child: ChildProcess = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'scripts/start.ts', '--demo', '--quiet'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });

  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const ready = await Promise.race([
    (async () => {
      const deadline = Date.now() + (options.timeoutMs ?? 120_000);
      while (Date.now() < deadline) {
        // The services' table is printed once everything listens and the demo is loaded.
        if (/演示账号 demo logins/.test(output)) return true;
        await new Promise((r) => setTimeout(r, 100));
      }
      return false;
    })(),
    exited.then(() => false),
  ]);
  if (!ready) {
    child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
    throw new Error(`the system did not start:\n${output}`);
  }
  const url = /网页控制台 web console: (http:\/\/\S+?)\/?$/m.exec(output)?.[1];
  const agencyUrls = Object.fromEntries(agencyIds.map((a) => [a, new RegExp(`\\b${a}\\s+(http://\\S+)`).exec(output)?.[1]]));
  if (!url || Object.values(agencyUrls).some((u) => !u)) throw new Error(`could not read the addresses from:\n${output}`);

  return {
    url,
    dataDir,
    password: DEMO_PASSWORD,
    agencyUrls: agencyUrls as Record<AgencyId, string>,
    output: () => output,
    async login(agency, username) {
      const res = await fetch(`${agencyUrls[agency]}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      });
      if (res.status !== 201) throw new Error(`login ${agency}/${username}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
