export * from './kinds.js';
export { entryHash, GENESIS_HASH, verifyChain, type SecurityLogHashAlg, type SecurityLogVerification } from './chain.js';
export { actorOf, SecurityLog, sourceOf, type SecurityLogQuery } from './log.js';
export { beijingTime, csvField, SECURITY_CSV_HEADERS, securityLogCsv } from './csv.js';
export { SECURITY_LOG_ROUTES, securityLogRouter, SecurityLogQuerySchema, type SecurityLogRouterOptions } from './routes.js';
