import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BadRequest } from '../errors.js';

export const MIN_PASSWORD_LENGTH = 10;
/** Long enough for any passphrase, short enough that hashing cannot be abused with megabyte inputs. */
export const MAX_PASSWORD_LENGTH = 256;
/** Of upper case, lower case, digits and symbols (anything else: punctuation, spaces, 中文). */
export const MIN_PASSWORD_CLASSES = 3;

/** The list that ships with the package (data/README.md says where it comes from); the same depth from src/ and dist/. */
const COMMON_PASSWORDS_FILE = join(import.meta.dirname, '..', '..', 'data', 'common-passwords.txt');

let common: ReadonlySet<string> | undefined;
function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(
    readFileSync(COMMON_PASSWORDS_FILE, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
  );
  return common;
}

/**
 * True when the password (in lower case) is a common one, or is one once the symbols around it
 * are stripped (`woaini1314!!`), or once the digits and symbols around it are (`!Dragon2026`).
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.normalize('NFC').toLowerCase();
  const trimmed = lower.replace(/^[^\p{L}\p{Nd}]+|[^\p{L}\p{Nd}]+$/gu, '');
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  const list = commonPasswords();
  return list.has(lower) || list.has(trimmed) || (Array.from(core).length >= 4 && list.has(core));
}

function classesOf(password: string): number {
  let upper = false;
  let lower = false;
  let digit = false;
  let symbol = false;
  for (const ch of password) {
    if (/\p{Lu}/u.test(ch)) upper = true;
    else if (/\p{Ll}/u.test(ch)) lower = true;
    else if (/\p{Nd}/u.test(ch)) digit = true;
    else symbol = true;
  }
  return [upper, lower, digit, symbol].filter(Boolean).length;
}

const refuse = (zh: string, en: string) => new BadRequest(zh, en, [{ path: 'password', message: en }]);

/**
 * Refuses a password that breaks the policy (等保 2.0 level 3, identity): 10–256 characters
 * (counted as characters, not bytes: 中文 passphrases count fairly), no control characters, at
 * least three of upper case, lower case, digits and symbols, not containing the username, not a
 * common password. Throws 400 with the reason in plain words.
 */
export function checkPasswordPolicy(password: string, username?: string): void {
  const length = Array.from(password).length;
  if (length < MIN_PASSWORD_LENGTH) {
    throw refuse(`密码太短：至少需要 ${MIN_PASSWORD_LENGTH} 个字符`, `The password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (length > MAX_PASSWORD_LENGTH) {
    throw refuse(`密码太长：最多 ${MAX_PASSWORD_LENGTH} 个字符`, `The password may have at most ${MAX_PASSWORD_LENGTH} characters`);
  }
  if (/\p{Cc}/u.test(password)) {
    throw refuse('密码里不能有换行、制表符这类控制字符', 'The password must not contain control characters (line breaks, tabs and the like)');
  }
  if (password.trim() === '') throw refuse('密码不能全是空格', 'The password must not be only spaces');
  if (classesOf(password) < MIN_PASSWORD_CLASSES) {
    throw refuse(
      '密码要包含大写字母、小写字母、数字、符号这四类中的至少三类',
      'The password needs at least three of: upper-case letters, lower-case letters, digits, symbols',
    );
  }
  const name = username?.trim().toLowerCase();
  if (name && password.toLowerCase().includes(name)) {
    throw refuse('密码里不能包含用户名', 'The password must not contain the username');
  }
  if (isCommonPassword(password)) {
    throw refuse('这个密码太常见，很容易被猜到，请换一个', 'This password is too common and easy to guess; choose another');
  }
}
