import { z } from 'zod';
import { bilingual } from './common.js';

/** An amount of money in integer fen (分): 100 fen = 1 yuan. Never a float (rule 9). */
export type Fen = number;

export const fenSchema = z
  .int({ error: bilingual('金额须为整数（单位：分）', 'amount must be an integer number of fen') })
  .nonnegative({ error: bilingual('金额不能为负数', 'amount must not be negative') });

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function requireFen(fen: Fen): void {
  if (!isFen(fen)) throw new RangeError(`not an amount in fen: ${String(fen)}`);
}

/** '1072.46' — no currency sign, no grouping; for CSV and forms. */
export function fenToYuanString(fen: Fen): string {
  requireFen(fen);
  const yuan = Math.floor(fen / 100);
  return `${yuan}.${String(fen % 100).padStart(2, '0')}`;
}

/** '¥1,072.46' — grouping done by hand so the output does not depend on the runtime's ICU data. */
export function formatFen(fen: Fen): string {
  const [yuan = '0', cents = '00'] = fenToYuanString(fen).split('.');
  return `¥${yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/**
 * Converts a decimal yuan amount to fen, rounding half up on the decimal as written
 * (so 1.005 yuan is 101 fen, where `Math.round(1.005 * 100)` would give 100).
 */
export function yuanToFen(yuan: number): Fen {
  if (!Number.isFinite(yuan) || yuan < 0) throw new RangeError(`not a non-negative yuan amount: ${yuan}`);
  const written = String(yuan);
  if (/e/i.test(written)) return checked(Math.round(yuan * 100), yuan);
  const [whole = '0', fraction = ''] = written.split('.');
  const cents = Number(`${fraction}00`.slice(0, 2));
  const roundUp = Number(fraction.charAt(2) || '0') >= 5 ? 1 : 0;
  return checked(Number(whole) * 100 + cents + roundUp, yuan);
}

function checked(fen: number, yuan: number): Fen {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`yuan amount too large for fen: ${yuan}`);
  return fen;
}
