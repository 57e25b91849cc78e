export { loadConfig, ConfigError, CONFIG_VARIABLES, type ServiceConfig, type ConfigVariable, type PinnedKey } from './config.js';
export { createLogger, logStoreConnection, scrubLogObject, REDACTED, type Logger, type LoggerSettings } from './logger.js';
export { maskName, maskIdNumber, maskPhone, maskPersonalText } from './mask.js';
export {
  HttpError,
  BadRequest,
  Unauthorized,
  Forbidden,
  NotFound,
  Conflict,
  UnprocessableContent,
  PayloadTooLarge,
  ServiceUnavailable,
  TryLater,
  PasswordChangeRequired,
  SecondFactorEnrolmentRequired,
  type FieldIssue,
} from './errors.js';
export { problemFor, fromHttpError, sendProblem, notFoundHandler, problemMiddleware, PROBLEM_CONTENT_TYPE, type Problem } from './problem.js';
export { answerClientErrors } from './client-errors.js';
export {
  AGENCIES,
  ROLES,
  requestId,
  accessLog,
  routeLabel,
  type Actor,
  type AgencyId,
  type Role,
} from './request-context.js';
export { createMetricsRegistry, httpRequestHistogram, Counter, Gauge, Registry, type MetricsOptions } from './metrics.js';
export { createServiceApp, type ServiceAppOptions } from './app.js';
export { buildOpenApiDocument, type RouteDescription, type OpenApiInfo } from './openapi.js';
export { openLocalDb, migrate, localDbPath, MigrationError, type LocalDb, type Migrations } from './local-db.js';
export * from './sql/index.js';
export { KeyRing, keyIdOf, rawPublicKey, publicKeyFrom, ringSessionKeys, type AgencyKeyPair, type KeyPurpose } from './keyring.js';
export {
  createSigner,
  signHash,
  signerAlgorithm,
  algorithmOfPublishedKey,
  verifySignature,
  publishKeys,
  publishKeyRing,
  publishedKeyOf,
  type KeyToPublish,
  readPublishedKeys,
  agencyStream,
  AGENCY_KEY_PUBLISHED,
  HUB_UUID_NAMESPACE,
  hubUuid,
  type Signer,
  type PublishedKey,
  type AgencyKeyPublishedData,
} from './signing.js';
export {
  appendProven,
  proveEvents,
  readHead,
  checkInlineProofs,
  contentDigest,
  contentDigestFor,
  proofMessage,
  declaredProof,
  PROOF_FIELD,
  PROOF_PREFIX,
  type EventProof,
  type StreamHead,
  type InlineProofProblem,
} from './event-proof.js';
export {
  signAppended,
  appendSigned,
  verifyStreamSignatures,
  signaturesStream,
  signedMessage,
  EVENTS_SIGNED,
  parseRevision,
  type EventsSignedData,
  type SignatureProblem,
  type StreamSignatureReport,
  type SignatureRepair,
} from './stream-signatures.js';
export {
  repairSignatures,
  MAX_HASHES_PER_REPAIR,
  type RepairSignaturesOptions,
  type RepairReport,
  type RepairedRun,
  type RefusedEvent,
  type DeferredEvent,
} from './signature-repair.js';
export { KeyEncryptionKeyError, KEK_MISSING_MESSAGE, loadKeyEncryptionKey, sealSecret, openSecret, isSealed, type KekSource } from './key-encryption.js';
export { Vault, VaultError, isEncryptedField, loadVaultMasterKey, vaultKeyPath, type EncryptedField } from './vault.js';
export {
  hashPassword,
  verifyPassword,
  needsRehash,
  checkPasswordPolicy,
  isCommonPassword,
  MIN_PASSWORD_CLASSES,
  MIN_PASSWORD_LENGTH,
  MAX_PASSWORD_LENGTH,
  DEFAULT_SCRYPT,
  type ScryptParams,
} from './auth/password.js';
export { UserStore, prepareUser, type User, type NewUser, type UserRow } from './auth/users.js';
export { ServiceAccountStore, type ServiceAccount } from './auth/api-keys.js';
export {
  SessionIssuer,
  SessionVerifier,
  RevocationList,
  localSessionKeys,
  publishedSessionKeys,
  type IssuedSession,
  type SessionSubject,
  type SessionKeyResolver,
  type SessionVerifierOptions,
  type SessionRevocations,
} from './auth/sessions.js';
export {
  recordSessionRevoked,
  revokedSessionOf,
  SESSION_REVOKED,
  type SessionRevokedData,
  type RevokedSession,
} from './auth/revocation-events.js';
export { authenticate, requireRole, requireAgency, type AuthenticateOptions } from './auth/middleware.js';
export {
  createSessionRouter,
  createAdminRouter,
  LoginRequest,
  LoginResponse,
  CreateUserRequest,
  CreateServiceAccountRequest,
  type SessionRouterOptions,
  type AdminRouterOptions,
} from './auth/routes.js';
export { AUTH_ROUTES } from './auth/account-openapi.js';
export { createFirstAdmin } from './auth/first-admin.js';
export { LoginGuard, DEFAULT_LOGIN_GUARD, type LoginGuardSettings, type LoginAttempt } from './auth/login-guard.js';
export { SessionRegistry, SESSION_TOUCH_MS, type ActiveSession, type SessionState } from './auth/session-registry.js';
export { announceEndedSessions, ChangePasswordRequest, sourceAddress } from './auth/sign-in.js';
export {
  SecondFactors,
  totpRequiredRoles,
  TOTP_VARIABLE,
  DEFAULT_TOTP_ROLES,
  RECOVERY_CODE_COUNT,
  type Enrolment,
  type SecondFactorStatus,
} from './auth/second-factor.js';
export { signInSettings, SIGN_IN_VARIABLES, type SignInSettings } from './auth/settings.js';
export { AUTH_MIGRATIONS, agencySchema, roleSchema, usernameSchema } from './auth/schema.js';
export * from './security-log/index.js';
export { AccessLog, DEFAULT_ACCESS_LOG_RETENTION_DAYS, MIN_ACCESS_LOG_RETENTION_DAYS, type AccessAction, type AccessEntry } from './access-log.js';
export * from './witness-format.js';
export { closeOnSignals, startOrExit } from './shutdown.js';
export {
  httpTimeouts,
  HTTP_TIMEOUTS,
  applyHttpTimeouts,
  keepAliveAgent,
  isStaleSocketError,
  sendHttp,
  type HttpTimeouts,
  type HttpAnswer,
  type SendOptions,
} from './keep-alive.js';
export {
  TRUST_FORMAT,
  TRUST_FILE_NAME,
  TRUST_FILE_HELP,
  endorsementMessage,
  endorseKey,
  parseTrustFile,
  readTrustFile,
  addTrustAnchors,
  trustFilePath,
  loadTrustPolicy,
  resolveTrust,
  refusalText,
  type KeyEndorsement,
  type TrustFile,
  type TrustPolicy,
  type EndorsedKey,
  type RefusedKey,
  type RefusalReason,
} from './trust.js';
export { cryptoSuiteOf, suiteOfCipher, CryptoSuiteError, GM_SUITE, INTL_SUITE, type CryptoSuite, type CryptoSuiteId } from './crypto-suite.js';
export {
  SM2_CURVE,
  SM2_DEFAULT_ID,
  sm2GenerateKeyPair,
  sm2PublicKeyBytes,
  sm2PublicKeyFrom,
  sm2PublicKeyOf,
  sm2Sign,
  sm2Verify,
  sm2Z,
  sm2OnCurve,
  sm2PrivateKeyBytes,
  sm2PrivateKeyFrom,
  type Sm2Curve,
  type Sm2PublicKey,
} from './sm2.js';
export {
  algorithmOfKey,
  algorithmOfPublicKeyBytes,
  digestOf,
  isSignatureAlgorithm,
  publicKeyBytes,
  signBytes,
  signingPublicKeyFrom,
  verifyBytes,
  SIGNATURE_ALGORITHMS,
  Sm2PrivateKey,
  Sm2PublicKeyObject,
  type SignatureAlgorithm,
  type SigningPrivateKey,
  type SigningPublicKey,
} from './signature-algorithm.js';
export { OWN_DATA_COMPONENTS, type OwnDataComponent } from './own-data.js';
