import { StoreUnavailable } from '../../errors.js';

/** Node's socket errors that mean "no server there (now)". */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * Whether a pg error means the server is gone rather than the statement is wrong: SQLSTATE class
 * 08 (connection exception), 57P01–57P03 (shut down by the administrator, crash shutdown, cannot
 * connect now), a refused or reset socket, or the driver's own "Connection terminated".
 */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || SOCKET_CODES.has(code))) return true;
  return /^Connection terminated|^timeout exceeded when trying to connect|Client has encountered a connection error/.test(error.message);
}

/** The port's error for a server that is not there; anything else as it came. */
export function asPortError(error: unknown): unknown {
  return isUnavailable(error) ? new StoreUnavailable(error) : error;
}
