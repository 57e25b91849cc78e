import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { DeadlinePolicy } from '@hub/case-domain';
import { agencyNames, type AgencyId } from '@hub/contracts';
import { hashingWith, type EventStore } from '@hub/event-store';
import { ProjectionRunner } from '@hub/projections';
import {
  logStoreConnection,
  AccessLog,
  authenticate,
  createAdminRouter,
  createLogger,
  createServiceApp,
  createSessionRouter,
  createSigner,
  cryptoSuiteOf,
  KeyRing,
  publishedKeyOf,
  publishKeyRing,
  ringSessionKeys,
  RevocationList,
  SecurityLog,
  securityLogRetentionDays,
  securityLogRouter,
  ServiceAccountStore,
  SessionIssuer,
  SessionVerifier,
  UserStore,
  DEFAULT_SCRYPT,
  LoginGuard,
  SessionRegistry,
  SecondFactors,
  Lease,
  signInSettings,
  type SignInSettings,
  Vault,
  type Logger,
  type PublishedKey,
  type TrustPolicy,
} from '@hub/service-kit';
import { checkOwnKeysTrusted } from './trust.js';
import { logPublishedKeys } from './security-log.js';
import type { Express } from 'express';
import { caseRoutes } from './cases/routes.js';
import { RequestHasher } from './idempotency.js';
import { serviceDefaults } from './defaults.js';
import { agencyDbSettings, agencyKek, agencyPaths, openAgencyDb, type AgencyDbSettings } from './paths.js';
import { handlerRoutes } from './handlers/routes.js';
import { staffDirectory } from './handlers/staff.js';
import { inboxRoutes } from './inbox.js';
import { agencyOpenApi } from './openapi.js';
import { caseDeadlinesProjection } from './read-models/case-deadlines/index.js';
import { caseParticipantsProjection } from './read-models/case-participants/index.js';
import { leadInboxProjection } from './read-models/lead-inbox/index.js';
import { meetingRoutes } from './meetings/routes.js';
import { warningRoutes } from './warnings/routes.js';
import { DEFAULT_WITNESS_INTERVAL_MS, Witness, WitnessCopy, witnessInterval, witnessRoutes } from './witness/index.js';
import { repairGrace, repairRoutes, SignatureRepairWorker } from './repair/index.js';
import { documentMaxBytes, documentRoutes, openDocumentStore, type DocumentStore } from './documents/index.js';
import { letterRoutes, LetterPrinter, loadLetterSettings, type LetterSettings } from './letters/index.js';
import { caseNumberSettings, type CaseNumberSettings } from './case-numbers/pattern.js';
import { OpeningCompleter } from './case-numbers/completer.js';
import { NumberRegister } from './register/index.js';
import { clockSkewMs } from './business-time/skew.js';
import { loadDeploymentDeadlines, warnOnce } from './deployment-data.js';
import { SessionSweeper } from './sessions/sweeper.js';

export interface AgencyServiceOptions {
  agency: AgencyId;
  /** Shared with the other services; the caller owns and closes it. */
  store: EventStore;
  /** This service's own files go under dataDir/<agency>/: local db, vault key file, read models. */
  dataDir: string;
  /** Default: pino to stdout at LOG_LEVEL. */
  logger?: Logger;
  clock?: () => Date;
  /** Default: the file DEADLINE_POLICY names over DOMAIN.md's defaults, with HOLIDAY_CALENDAR's calendar, else the national ones (deployment-data.ts). */
  policy?: DeadlinePolicy;
  /**
   * The key-encryption key: what private keys and the vault's data keys are stored encrypted under.
   * Default: KEY_ENCRYPTION_KEY, KEY_ENCRYPTION_KEY_FILE or HUB_VAULT_KEY; missing, it stops the
   * service under NODE_ENV=production and is a generated key file under dataDir/<agency>/ elsewhere.
   */
  vaultKey?: Buffer;
  /** How often to witness the case-stream heads (see service-kit's witness-format.ts); 0 = only on demand. Default: WITNESS_INTERVAL_MS, else 60 s (off under NODE_ENV=test). */
  witnessIntervalMs?: number;
  /** Sign, in the background at start-up, the events a crash left unsigned (repair/worker.ts). Default: on, except under NODE_ENV=test. */
  repairAtStartup?: boolean;
  /** Unsigned events younger than this are left alone: their signature may be in flight. Default: REPAIR_GRACE_MS, else 30 s. */
  repairGraceMs?: number;
  /**
   * The deployment's trust file (service-kit trust.ts). Given, the service refuses to start when
   * its own current keys are not trusted under it (anchored, or endorsed in a chain from an
   * anchor), since the hub would refuse everything it signs. Absent: no check (set-up, tests).
   */
  trust?: TrustPolicy | null;
  /** The agency's full name and 文号 prefixes for its letters; default: the file LETTER_SETTINGS names, else the demo's (letters/settings.ts). */
  letterSettings?: LetterSettings;
  /** How far ahead of the clock an act's occurredAt may be, in ms. Default: OCCURRED_AT_MAX_SKEW_SECONDS, else 5 minutes. */
  clockSkewMs?: number;
  /** Sign-in failures, idle time, password age, trusted proxies; default: from the environment (docs/sign-in.md). */
  signIn?: SignInSettings;
  /** How often ended (idle) sessions are told to the store for the hub; 0 = only on demand. Default: 60 s (off under NODE_ENV=test). */
  sessionSweepIntervalMs?: number;
  /** How the vault makes new keys durable (see Vault.durable); default: fdatasync of the local db's WAL. Specs pass one to watch the order. */
  vaultSync?: () => Promise<void>;
  /**
   * Where documents' bytes are kept (documents/store.ts); the caller owns and closes one it gives.
   * Default: DOCUMENT_STORE_URL (postgres://…) when set, else the directory dataDir/documents,
   * shared by every agency service on the same DATA_DIR.
   */
  documents?: DocumentStore;
  /**
   * Where the agency keeps its own data (users, sessions, keys, the vault, the logs, the witness
   * copy): default AGENCY_DB_URL and AGENCY_DB_SCHEMA (a PostgreSQL schema its replicas share),
   * else the SQLite file under dataDir/<agency>/ (docs/agency-database.md).
   */
  agencyDb?: AgencyDbSettings;
  /** The largest document taken, in bytes. Default: DOCUMENT_MAX_BYTES, else 20 MB. */
  documentMaxBytes?: number;
  /** The case-number pattern and agency code; default: CASE_NUMBER_PATTERN and CASE_NUMBER_AGENCY_CODE, checked at start (docs/case-numbers.md). */
  caseNumbers?: CaseNumberSettings;
  /** Complete, in the background, openings whose number was issued but whose case was not appended (case-numbers/completer.ts). Default: on, except under NODE_ENV=test. */
  completeOpeningsAtStartup?: boolean;
  /** How long the security log keeps entries, in days (at least 180). Default: SECURITY_LOG_RETENTION_DAYS, else 180 (docs/security-log.md). */
  securityLogRetentionDays?: number;
}

export interface AgencyService {
  readonly agency: AgencyId;
  readonly app: Express;
  readonly users: UserStore;
  readonly serviceAccounts: ServiceAccountStore;
  readonly projections: ProjectionRunner;
  /** Records the chain heads this agency has seen; `run()` does it now. */
  readonly witness: Witness;
  /** Signs what a crash left unsigned; `run('admin', 'start')` does it now. */
  readonly signatureRepair: SignatureRepairWorker;
  /** The agency's number registers (案号; 文号 for letters). */
  readonly register: NumberRegister;
  /** Completes openings a crash left between the register and the case; `run()` does it now. */
  readonly openingCompleter: OpeningCompleter;
  /** Failed sign-ins: locks, per-address limits; an admin's unlock goes through it. */
  readonly loginGuard: LoginGuard;
  /** Sessions on the server side: idle time, one's list of sessions. */
  readonly sessions: SessionRegistry;
  /** Second factors (TOTP and recovery codes) of the agency's people. */
  readonly secondFactors: SecondFactors;
  /** Tells the store of sessions ended here (idle ones): every minute, or `run()` now. */
  readonly sessionSweeper: SessionSweeper;
  /** Sign-ins, user and key changes, downloads and reveals, hash-chained (docs/security-log.md). */
  readonly securityLog: SecurityLog;
  /** Every public key of the agency's own key ring, current and retired, oldest first: what a trust file is made from. */
  publicKeys(): PublishedKey[];
  /** Stops the projections and closes the local db; never the store. */
  close(): Promise<void>;
}

const LOG_LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

function sessionTtlMinutes(): number {
  const value = Number(process.env['SESSION_TTL_MINUTES'] ?? '480');
  return Number.isInteger(value) && value > 0 ? value : 480;
}

export async function createAgencyService(options: AgencyServiceOptions): Promise<AgencyService> {
  const { agency } = options;
  // CRYPTO_SUITE (issue 15.6): under gm every event this service appends is chained with SM3.
  const suite = cryptoSuiteOf(process.env);
  const store = hashingWith(options.store, suite.hashAlg);
  const name = serviceDefaults(agency).name;
  const clock = options.clock ?? (() => new Date());
  const { dir } = agencyPaths(options.dataDir, agency);
  const level = process.env['LOG_LEVEL'] ?? 'info';
  const logger = options.logger ?? createLogger({ name, level: LOG_LEVELS.has(level) ? level : 'info' });

  // A bad pattern stops the service before it opens anything (docs/case-numbers.md).
  // So does a security-log retention under six months.
  const retentionDays = securityLogRetentionDays(options.securityLogRetentionDays, process.env);
  const caseNumbers = options.caseNumbers ?? caseNumberSettings(agency, process.env);
  // So does a bad deadline policy or holiday calendar file (docs/deployment-data.md).
  const deadlines = options.policy ? { policy: options.policy, warnings: [] } : loadDeploymentDeadlines(process.env, clock());
  const policy = deadlines.policy;
  warnOnce(deadlines.warnings, (message) => logger.warn(message));
  const agencyDb = options.agencyDb ?? agencyDbSettings(agency, process.env);
  const sql = openAgencyDb(options.dataDir, agency, agencyDb);
  logger.info({ engine: sql.engine, at: sql.location }, `agency data on ${sql.engine}`);
  let projections: ProjectionRunner | undefined;
  let closeDocuments: () => Promise<void> = async () => {};
  try {
    const vaultKey = options.vaultKey ?? agencyKek(options.dataDir, agency, process.env, logger);
    const keyring = await KeyRing.open(sql, clock, vaultKey, suite);
    const vault = await Vault.open(sql, vaultKey, clock, options.vaultSync, suite);
    const accessLog = await AccessLog.open(sql, clock);
    await accessLog.prune();
    const securityLog = await SecurityLog.open(sql, clock, suite.hashAlg);
    await securityLog.prune(retentionDays);
    const users = await UserStore.open(sql, DEFAULT_SCRYPT, clock);
    const serviceAccounts = await ServiceAccountStore.open(sql, clock);
    const revocations = await RevocationList.open(sql, clock);
    // Sign-in failures and sessions with an idle time (issue 15; docs/sign-in.md).
    const signIn = options.signIn ?? signInSettings(process.env);
    const loginGuard = await LoginGuard.open(sql, signIn.guard, clock);
    const sessions = await SessionRegistry.open(sql, signIn.idleMinutes, clock);
    // The second factor (issue 15.3): secrets sealed under the key-encryption key.
    const secondFactors = await SecondFactors.open(sql, vaultKey, suite, clock);
    if (signIn.secondFactorRoles.length === 0) {
      logger.warn(
        'TOTP_REQUIRED_ROLES=none：管理员和审计员登录不需要动态口令，不符合等保三级的双因素要求 no role signs in with a second factor: admins and auditors should (等保 2.0 level 3)',
      );
    }
    const eventsKey = await keyring.current('events');
    const sessionsKey = await keyring.current('sessions');
    if (options.trust) await checkOwnKeysTrusted(agency, keyring, options.trust, logger);
    // Every key, each rotation endorsed by the key before it, so the hub can follow the chain
    // from the trust file's anchors to the current keys.
    await publishKeyRing(store, agency, keyring);
    await logPublishedKeys(securityLog, agency, keyring, retentionDays, clock());

    // Only this agency's own sessions: another agency reads a case through its own service,
    // which is also what keeps personal data with the agency holding the vault key.
    const verifier = new SessionVerifier({ keys: ringSessionKeys(agency, keyring), revocations, activity: sessions, clock });
    const auth = authenticate({ sessions: verifier, serviceAccounts });
    const issuer = new SessionIssuer(sessionsKey, sessionTtlMinutes(), clock);

    projections = new ProjectionRunner({
      store,
      clock,
      directory: join(dir, 'read-models'),
      projections: [leadInboxProjection, caseDeadlinesProjection, caseParticipantsProjection],
      onConnection: logStoreConnection(logger, 'read models'),
    });
    await projections.start();
    const runner = projections;

    const signer = createSigner(eventsKey);
    // One register per service: case numbers (案号) and letters' 文号 each have registers of their own kind in it.
    const register = new NumberRegister({ store, agency, signer });
    // Letters as documents (issue 13.3): 文号 from the agency's register, the PDF rendered with its settings.
    const printer = new LetterPrinter();
    const letters = { register, settings: options.letterSettings ?? loadLetterSettings(agency), printer, clock };
    const env = {
      agency,
      store,
      signer,
      clock,
      policy,
      clockSkewMs: clockSkewMs(options.clockSkewMs, process.env),
      requests: new RequestHasher(vaultKey),
      beforeAppend: () => vault.durable(),
      letters,
      // 承办人: the decider is told who the named user is (users live here, not in the case).
      staff: staffDirectory(users, agency),
    };
    const openingCompleter = new OpeningCompleter({
      agency,
      store,
      signer: env.signer,
      register,
      clock,
      logger,
      graceMs: repairGrace(options.repairGraceMs, process.env),
    });
    const witnessCopy = await WitnessCopy.open(sql);
    // Replicas share the witness copy: one of them witnesses each interval, whichever holds the lease.
    const witnessLease = await Lease.open(sql, 'witness');
    const replicaId = `${hostname()}:${process.pid}:${randomUUID()}`;
    const witnessEvery = witnessInterval(options.witnessIntervalMs, process.env, DEFAULT_WITNESS_INTERVAL_MS);
    const witness = new Witness({
      agency,
      store,
      signer: env.signer,
      copy: witnessCopy,
      clock,
      logger,
      turn: () => witnessLease.tryTake(replicaId, 2 * witnessEvery, clock().getTime()),
    });
    const signatureRepair = await SignatureRepairWorker.open({
      agency,
      store,
      signer: env.signer,
      db: sql,
      clock,
      logger,
      graceMs: repairGrace(options.repairGraceMs, process.env),
    });
    const ownDocuments = options.documents === undefined;
    const documents = options.documents ?? openDocumentStore({ dataDir: options.dataDir, url: process.env['DOCUMENT_STORE_URL'] });
    if (sql.engine === 'postgres' && documents.engine !== 'postgres')
      logger.warn(
        '机构数据在服务器上（AGENCY_DB_URL，可多副本运行），但文件仍存放在本机 DATA_DIR/documents：其他副本看不到这些文件，请设置 DOCUMENT_STORE_URL ' +
          "the agency's data is on a server (AGENCY_DB_URL, for replicas) but documents are in this machine's DATA_DIR/documents: other replicas cannot serve them; set DOCUMENT_STORE_URL",
      );
    closeDocuments = ownDocuments ? () => documents.close() : async () => {};
    const maxBytes = options.documentMaxBytes ?? documentMaxBytes(process.env);
    const app = createServiceApp({
      name,
      logger,
      store,
      ownData: sql,
      subscriptions: () => {
        const connection = runner.connection();
        return connection ? [connection] : [];
      },
      openapi: agencyOpenApi(agency, `${agencyNames[agency].zh} ${agencyNames[agency].en} — labor hub`),
      routes: (a) => {
        a.use(
          createSessionRouter({
            agency,
            users,
            issuer,
            revocations,
            store,
            signer: env.signer,
            clock,
            authenticate: auth,
            guard: loginGuard,
            sessions,
            passwordMaxAgeDays: signIn.passwordMaxAgeDays,
            securityLog,
            secondFactor: { factors: secondFactors, requiredRoles: signIn.secondFactorRoles },
          }),
        );
        a.use(createAdminRouter({ agency, users, serviceAccounts, authenticate: auth, guard: loginGuard, sessions, clock, securityLog, secondFactors }));
        a.use(securityLogRouter({ log: securityLog, authenticate: auth, agency }));
        a.use(documentRoutes({ ...env, vault, accessLog, securityLog, authenticate: auth, documents, maxBytes }));
        a.use(caseRoutes({ ...env, register, caseNumbers, vault, accessLog, securityLog, authenticate: auth }));
        a.use(letterRoutes({ store, printer, authenticate: auth }));
        a.use(meetingRoutes({ ...env, authenticate: auth }));
        a.use(warningRoutes({ ...env, authenticate: auth }));
        a.use(inboxRoutes({ agency, store, projections: runner, clock, policy, authenticate: auth }));
        a.use(handlerRoutes({ agency, store, projections: runner, staff: env.staff, clock, policy, authenticate: auth }));
        a.use(witnessRoutes({ agency, copy: witnessCopy, witness, authenticate: auth }));
        a.use(repairRoutes({ agency, worker: signatureRepair, authenticate: auth }));
      },
    });

    // Behind the hub's gateway the source address of a sign-in is the client's, from X-Forwarded-For.
    app.set('trust proxy', signIn.trustProxy);
    const sessionSweeper = new SessionSweeper({ sessions, store, agency, signer: env.signer, clock, logger });
    const sweepEvery = options.sessionSweepIntervalMs ?? (process.env['NODE_ENV'] === 'test' ? 0 : 60_000);
    if (sweepEvery > 0) sessionSweeper.start(sweepEvery);

    if (witnessEvery > 0) witness.start(witnessEvery);
    if (options.repairAtStartup ?? process.env['NODE_ENV'] !== 'test') signatureRepair.start();
    if (options.completeOpeningsAtStartup ?? process.env['NODE_ENV'] !== 'test') openingCompleter.start();

    let closed = false;
    return {
      agency,
      app,
      users,
      serviceAccounts,
      projections: runner,
      witness,
      signatureRepair,
      register,
      openingCompleter,
      loginGuard,
      sessions,
      secondFactors,
      sessionSweeper,
      securityLog,
      publicKeys: () => [...keyring.all('events'), ...keyring.all('sessions')].map((pair) => publishedKeyOf(agency, pair)),
      async close() {
        if (closed) return;
        closed = true;
        await sessionSweeper.stop();
        await witness.stop();
        await signatureRepair.stop();
        await openingCompleter.stop();
        await runner.stop();
        await witnessLease.release(replicaId).catch(() => false);
        await closeDocuments();
        await sql.close();
      },
    };
  } catch (error) {
    await projections?.stop();
    await closeDocuments();
    await sql.close();
    throw error;
  }
}
