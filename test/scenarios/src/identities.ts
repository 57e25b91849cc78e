/**
 * Valid-looking identifiers for fictional parties, built with the contracts' own check functions
 * so every one passes the services' validation: 统一社会信用代码 (GB 32100 check character) and
 * resident ID numbers (ISO 7064 MOD 11-2). Deterministic: the same inputs give the same code.
 */
import { residentIdCheckCharacter, USCC_CHARSET, usccCheckCharacter } from '@hub/contracts';

/**
 * A USCC for an enterprise registered in `region`: '91' (industry & commerce, enterprise), the
 * six-digit region, a nine-character organisation code derived from `seed`, then the check character.
 */
export function makeUscc(region: string, seed: number): string {
  if (!/^\d{6}$/.test(region)) throw new Error(`makeUscc: region must be 6 digits, got ${region}`);
  let n = Math.abs(Math.trunc(seed)) * 7_919 + 104_729;
  let org = '';
  for (let i = 0; i < 9; i++) {
    org += USCC_CHARSET.charAt(n % USCC_CHARSET.length);
    n = Math.floor(n / USCC_CHARSET.length) + (i + 1) * 37;
  }
  const first17 = `91${region}${org}`;
  const check = usccCheckCharacter(first17);
  if (check === null) throw new Error(`makeUscc: ${first17} is outside the charset`);
  return first17 + check;
}

/** A resident ID: region of household registration, birth date 'YYYY-MM-DD', a 3-digit sequence (odd = male). */
export function makeResidentId(region: string, birthDate: string, sequence: number): string {
  const birth = birthDate.replaceAll('-', '');
  const first17 = `${region}${birth}${String(sequence % 1000).padStart(3, '0')}`;
  const check = residentIdCheckCharacter(first17);
  if (check === null) throw new Error(`makeResidentId: ${first17} is not 17 digits`);
  return first17 + check;
}

/** A mobile number in a fictional-looking range (139 0000 xxxx … never a real allocation we know of). */
export function makeMobile(seed: number): string {
  return `1390571${String(Math.abs(Math.trunc(seed)) % 10_000).padStart(4, '0')}`;
}
