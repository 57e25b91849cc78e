/**
 * What the chain's cryptography costs per event under each suite (issue 15.6): the event hash
 * (SHA-256 or SM3 over the canonical content the store hashes) and the agency's signature over an
 * append (Ed25519 by Node, or SM2 by service-kit's sm2.ts), with its verification. Measured on the
 * benchmark's own ~550-byte event, one event per append as a person's act is.
 */
import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import { canonicalJson } from '@hub/event-store';
import { sm2GenerateKeyPair, sm2Sign, sm2Verify } from '@hub/service-kit';
import { benchEvent } from './payload.js';
import { now } from './stats.js';

export interface CryptoCost {
  suite: 'intl' | 'gm';
  hash: string;
  signature: string;
  /** Microseconds per event. */
  hashUs: number;
  signUs: number;
  verifyUs: number;
}

function timed(count: number, each: (i: number) => unknown): number {
  const start = now();
  for (let i = 0; i < count; i++) each(i);
  return ((now() - start) * 1000) / count;
}

export function measureCryptoCost(events = 2000): CryptoCost[] {
  const contents = Array.from({ length: events }, (_, i) => {
    const e = benchEvent(i);
    return canonicalJson({
      data: e.data,
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      metadata: e.metadata,
      revision: String(i),
      stream: `case-${i}`,
      type: e.type,
    });
  });
  // The signed message is small (digests of the run and the head it follows); a 64-hex-digit hash stands in for it.
  const messages = contents.map((c) => Buffer.from(`labor-hub/EventsProof/1\n${createHash('sha256').update(c).digest('hex')}`));
  const signings = Math.min(events, Math.max(50, Math.floor(events / 10)));
  const ed = generateKeyPairSync('ed25519');
  const edSigs = messages.slice(0, signings).map((m) => sign(null, m, ed.privateKey));
  const sm2 = sm2GenerateKeyPair();
  const smSigs = messages.slice(0, signings).map((m) => sm2Sign(m, sm2.d));
  return [
    {
      suite: 'intl',
      hash: 'SHA-256',
      signature: 'Ed25519',
      hashUs: timed(events, (i) => createHash('sha256').update(contents[i]!).digest('hex')),
      signUs: timed(signings, (i) => sign(null, messages[i]!, ed.privateKey)),
      verifyUs: timed(signings, (i) => verify(null, messages[i]!, ed.publicKey, edSigs[i]!)),
    },
    {
      suite: 'gm',
      hash: 'SM3',
      signature: 'SM2',
      hashUs: timed(events, (i) => createHash('sm3').update(contents[i]!).digest('hex')),
      signUs: timed(signings, (i) => sm2Sign(messages[i]!, sm2.d)),
      verifyUs: timed(signings, (i) => sm2Verify(messages[i]!, smSigs[i]!, sm2.publicKey)),
    },
  ];
}

export function formatCryptoCost(costs: readonly CryptoCost[]): string {
  const us = (x: number) => `${x.toFixed(1)} µs`.padStart(11);
  const lines = [
    "the chain's cryptography per event (one event per append):",
    `  ${'suite'.padEnd(6)}${'hash'.padEnd(9)}${'signature'.padEnd(11)}${'hash'.padStart(11)}${'sign'.padStart(11)}${'verify'.padStart(11)}`,
  ];
  for (const c of costs) lines.push(`  ${c.suite.padEnd(6)}${c.hash.padEnd(9)}${c.signature.padEnd(11)}${us(c.hashUs)}${us(c.signUs)}${us(c.verifyUs)}`);
  return lines.join('\n');
}
