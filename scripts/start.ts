/**
 * One command runs the whole system on the embedded store: opens the event store named by
 * EVENT_STORE_URL (default sqlite ./data/hub.db), starts the four agency services in this one
 * process, each on its own port (UNION_PORT 8081, PROCURATORATE_PORT 8082, HR_BUREAU_PORT 8083,
 * COURT_PORT 8084), and the hub (HUB_PORT 8080: the web console, timelines, live feed, audit,
 * meetings, reports), building the console first when its build is stale;
 * creates the demo users on first start, loads the demo data with `--demo`
 * (or HUB_DEMO=1) unless it is there already, and follows every new event live, one line each,
 * until Ctrl-C (`--quiet` stops the following).
 */
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, resolve } from 'node:path';
import { serviceDefaults } from '@hub/agency-service';
import { agencyIds, agencyShortNames, roleLabels, type AgencyId } from '@hub/contracts';
import { connect, DEFAULT_EVENT_STORE_URL, type RecordedEvent } from '@hub/event-store';
import { ControllableClock, DEMO_PASSWORD, demoEpoch, demoUsers, loadDemo, secondFactorSetUpHere, startCluster, type AgencyClient } from '@hub/scenarios';
import { createHub, HUB_DEFAULT_PORT } from '@hub/hub-service';
import {
  addTrustAnchors,
  applyHttpTimeouts,
  ConfigError,
  createLogger,
  loadConfig,
  loadTrustPolicy,
  signInSettings,
  startOrExit,
  trustFilePath,
} from '@hub/service-kit';
import { ensureConsoleBuilt } from './console-build.js';

const args = new Set(process.argv.slice(2));
const demo = args.has('--demo') || process.env['HUB_DEMO'] === '1';
const quiet = args.has('--quiet');
const url = process.env['EVENT_STORE_URL'] ?? DEFAULT_EVENT_STORE_URL;
const dataDir = resolve(process.env['DATA_DIR'] ?? './data');
const host = process.env['HOST'] ?? '127.0.0.1';
const password = process.env['HUB_DEMO_PASSWORD'] ?? DEMO_PASSWORD;
const level = process.env['LOG_LEVEL'] ?? 'warn';
const out = (line: string) => process.stdout.write(`${line}\n`);

function portFrom(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`${name}=${value} is not a port number`);
  return port;
}

const portOf = (agency: AgencyId): number => portFrom(`${agency.toUpperCase()}_PORT`, serviceDefaults(agency).port);

// CONSOLE_DIR serves another build of the console (or none: off); otherwise build ours when stale.
const consoleDir = process.env['CONSOLE_DIR'] === 'off' ? false : process.env['CONSOLE_DIR'];
if (consoleDir === undefined && ensureConsoleBuilt({ quiet: true })) out('已构建网页控制台 built the web console (services/hub/console/dist)');
mkdirSync(dataDir, { recursive: true });
if (url.startsWith('sqlite:') && url !== 'sqlite::memory:') mkdirSync(dirname(resolve(url.slice('sqlite:'.length))), { recursive: true });
// The trust file (TRUST_FILE, else DATA_DIR/trust.json): written at first start from the keys the
// services generate in their own key rings, reused after, so the hub trusts what the agencies
// set up here rather than whatever the store says. TRUST_STORE_KEYS and PUBLIC_KEYS still apply.
const config = loadConfig({ ...process.env, DATA_DIR: dataDir, PORT: '0' });
const trustFile = trustFilePath(config);
const existingTrust = loadTrustPolicy(config, { required: false });
const clock = new ControllableClock();
// The store stamps recordedAt from the services' clock: live, except while the demo loader pins
// it to a demo act's instant ("40 days ago"), so the demo's events are recorded at their own dates.
const store = await connect(url, { clock: clock.now });
const newestRecordedAt = async (): Promise<string | null> => {
  for await (const event of store.readAll({ direction: 'backwards', maxCount: 1 })) return event.metadata.recordedAt;
  return null;
};
// recordedAt never goes back in position order: with --demo the services start on the demo's
// epoch (about four months ago), so that what they write first on a fresh store (their public
// keys) comes before the demo's first act. Sessions are issued once the clock is live again.
const epoch = demoEpoch();
if (demo) clock.set(epoch);
// A bad setting or data file (DEADLINE_POLICY, HOLIDAY_CALENDAR, …) is said plainly, and nothing starts.
const cluster = await startOrExit('pnpm start', () =>
  startCluster({
    store,
    dataDir,
    host,
    password,
    clock: clock.now,
    login: false,
    ports: Object.fromEntries(agencyIds.map((a) => [a, portOf(a)])),
    logger: (agency) => createLogger({ name: serviceDefaults(agency).name, level }),
    ...(existingTrust ? { trust: existingTrust } : {}),
  }),
);
clock.release();
// First start (or an agency missing from the file): its keys as the services hold them become anchors.
const added = addTrustAnchors(
  trustFile,
  cluster.anchors.filter((k) => !existingTrust?.anchors.some((a) => a.agency === k.agency)),
);
if (added.length > 0) out(`已写入信任文件 wrote the trust file ${trustFile} (${added.length} 个密钥 keys)`);
let trust;
try {
  trust = loadTrustPolicy(config, { required: true })!;
} catch (error) {
  await cluster.close();
  await store.close();
  throw error instanceof ConfigError ? new Error(error.message) : error;
}

const hub = await createHub({
  store,
  // A rebuild of the hub's read models (pnpm hub:rebuild, or the admin page) reads on a thread of its own.
  storeUrl: url,
  dataDir,
  trust,
  agencyUrls: cluster.urls,
  logger: createLogger({ name: 'hub', level }),
  ...(consoleDir === undefined ? {} : { consoleDir }),
});
const hubServer: Server = await new Promise((resolve, reject) => {
  const server = applyHttpTimeouts(hub.app.listen(portFrom('HUB_PORT', HUB_DEFAULT_PORT), host));
  server.once('listening', () => resolve(server));
  server.once('error', reject);
});
hub.attach(hubServer);
const hubUrl = `http://${host}:${(hubServer.address() as { port: number }).port}`;

out('劳动维权协同中枢 · labor-case collaboration hub');
out(`事件存储 event store: ${store.engine} (${url.replace(/\/\/[^@/]*@/, '//***@')})`);

if (demo) {
  out('加载演示数据 loading demo data…');
  const recordedBefore = await newestRecordedAt();
  const liaisons = Object.fromEntries(await Promise.all(agencyIds.map(async (a) => [a, await cluster.login(a, 'liaison')] as const))) as Record<
    AgencyId,
    AgencyClient
  >;
  const result = await loadDemo(liaisons, {
    clock,
    login: cluster.login,
    onProgress: (p) => out(`  ${String(p.done).padStart(2)}/${p.total} ${p.skipped ? '已存在 exists ' : ''}${p.title}`),
  });
  out(
    result.loaded === 0 ? '演示数据已存在，未重复加载 demo data already there, nothing added' : `已加载 ${result.loaded} 个案件 loaded ${result.loaded} cases`,
  );
  if (result.loaded > 0) {
    // Each agency witnesses the chain heads at once (not a minute later), so an auditor's first
    // verification of a demo case already compares the four agencies' own copies.
    for (const agency of agencyIds) {
      try {
        await cluster.services[agency].witness.run();
      } catch (error) {
        out(`  ${agency} witness run: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  // The loader signed in as the union's admin to register the 12351 platform: under
  // TOTP_REQUIRED_ROLES it set up that admin's second factor through the API. It hands it back, so
  // the person who signs in as admin in the console sets up their own authenticator app.
  for (const agency of agencyIds) {
    const service = cluster.services[agency];
    for (const demoUser of demoUsers(agency)) {
      if (!secondFactorSetUpHere(cluster.urls[agency], demoUser.username)) continue;
      const user = await service.users.byUsername(agency, demoUser.username);
      if (!user || !(await service.secondFactors.reset(user.id))) continue;
      await service.securityLog.record({
        kind: 'second_factor_reset',
        actor: { userId: null, name: '演示数据加载 demo loader', agency },
        subject: `user-${user.id}`,
        detail: { username: user.username, wasEnrolled: true, by: 'demo loader' },
      });
    }
  }
  if (result.loaded > 0 && recordedBefore !== null && Date.parse(recordedBefore) > epoch.getTime()) {
    out(
      `  注意：存储中已有 ${recordedBefore} 记录的事件，演示事件的记录时间（recordedAt）不早于此，报表按月份将集中于此；换一个空的存储可得到按日期分布的演示数据`,
    );
    out(
      `  note: the store already held events recorded at ${recordedBefore}; recordedAt never goes back, so the demo's events are recorded no earlier (reports put them in that month). Load the demo into an empty store to see them spread over four months.`,
    );
  }
}

const head = await store.headPosition();
out(`已存事件 events stored: ${head === null ? '无 none yet' : `至全局位置 up to global position ${head}`}`);
out('');
out(`网页控制台 web console: ${hubUrl}/`);
out('');
out('服务 service           地址 URL');
out(`${'协同中枢 hub'.padEnd(20)}${hubUrl}   (实时 live: ${hubUrl.replace('http', 'ws')}/api/live)`);
for (const agency of agencyIds) out(`${`${agencyShortNames[agency].zh} ${agency}`.padEnd(22)}${cluster.urls[agency]}`);
out('');
out(
  `演示账号 demo logins (每个机构相同 same in every agency)${cluster.usersCreated > 0 ? `，密码 password: ${password}` : '（密码见首次启动输出或 HUB_DEMO_PASSWORD；password as printed at first start）'}`,
);
for (const user of demoUsers('union')) {
  // The second liaison goes by a person's name in each agency (王芳 at the union…): the demo assigns cases to both (承办人).
  const second = user.username === 'handler' ? '（第二位联络员，演示案件的承办人之一 a second liaison, handler of demo cases）' : '';
  out(`  ${user.username.padEnd(10)} ${roleLabels[user.roles[0]!].zh} ${roleLabels[user.roles[0]!].en}${second}`);
}
out(`  POST <URL>/api/session {"username":"liaison","password":"…"} → Bearer token`);
const totpRoles = signInSettings(process.env).secondFactorRoles;
if (totpRoles.length > 0) {
  out(
    `  ${totpRoles.map((r) => roleLabels[r].zh).join('、')}登录需要动态口令：首次在网页控制台登录时用手机身份验证器应用扫码绑定（TOTP_REQUIRED_ROLES=none 可关闭）`,
  );
  out(
    `  ${totpRoles.join(', ')} sign in with a TOTP code: at the first console sign-in, scan the QR code with an authenticator app (TOTP_REQUIRED_ROLES=none turns it off)`,
  );
}
out('');

const describe = (e: RecordedEvent) =>
  `${e.metadata.recordedAt}  #${e.position}  ${e.stream}@${e.revision}  ${e.type}  ${String(e.metadata['agency'] ?? '-')}  ${e.metadata.hash.slice(0, 12)}`;
const subscription = quiet ? null : store.subscribeToAll({ fromPosition: 'end' });

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await subscription?.close();
  await hub.close();
  hubServer.closeAllConnections();
  await new Promise<void>((resolve) => hubServer.close(() => resolve()));
  await cluster.close();
  await store.close();
  out('已停止 stopped.');
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());

if (subscription) {
  out('实时跟踪新事件 following new events live (Ctrl-C 停止 to stop)…');
  for await (const message of subscription) {
    if (message.kind === 'event') out(describe(message.event));
  }
} else {
  out('运行中 running (Ctrl-C 停止 to stop)');
}
