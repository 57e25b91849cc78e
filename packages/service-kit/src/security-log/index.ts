export * from './kinds.js';
export { actorOf, entryHash, GENESIS_HASH, SecurityLog, sourceIpOf, type SecurityLogQuery, type SecurityLogVerification } from './log.js';
export { beijingTime, csvField, SECURITY_CSV_HEADERS, securityLogCsv } from './csv.js';
export { SECURITY_LOG_ROUTES, securityLogRouter, SecurityLogQuerySchema, type SecurityLogRouterOptions } from './routes.js';
