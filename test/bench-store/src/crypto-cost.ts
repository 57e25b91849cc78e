/**
 * What the chain's cryptography costs per event under each suite (issue 15.6): the event hash
 * (SHA-256 or SM3 over the canonical content the store hashes, per event) and the agency's
 * signature over an append (per command: Ed25519 by Node, or SM2 by service-kit's sm2.ts), with
 * its verification, through the same Signer and verifyBytes the services use. Measured on the
 * benchmark's own ~550-byte event, one event per append as a person's act is.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { canonicalJson } from '@hub/event-store';
import { createSigner, sm2GenerateKeyPair, Sm2PrivateKey, verifyBytes } from '@hub/service-kit';
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
  // Warm-up first (JIT, OpenSSL's lazy set-up), so the first suite measured is not the slower for it.
  for (let i = 0; i < Math.min(count, 20); i++) each(i);
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
  const messages = contents.map((c) => `labor-hub/EventsProof/1\n${createHash('sha256').update(c).digest('hex')}`);
  const bytes = messages.map((m) => Buffer.from(m, 'utf8'));
  const signings = Math.min(events, Math.max(50, Math.floor(events / 10)));
  const ed = generateKeyPairSync('ed25519');
  const edSigner = createSigner({ keyId: 'ed', privateKey: ed.privateKey });
  const sm2 = new Sm2PrivateKey(sm2GenerateKeyPair().d);
  const smSigner = createSigner({ keyId: 'sm2', privateKey: sm2 });
  // Warm-up: the SM2 fixed-base table is built on first use, once per process.
  smSigner.sign(messages[0]!);
  const edSigs = messages.slice(0, signings).map((m) => Buffer.from(edSigner.sign(m), 'base64'));
  const smSigs = messages.slice(0, signings).map((m) => Buffer.from(smSigner.sign(m), 'base64'));
  return [
    {
      suite: 'intl',
      hash: 'SHA-256',
      signature: 'Ed25519',
      hashUs: timed(events, (i) => createHash('sha256').update(contents[i]!).digest('hex')),
      signUs: timed(signings, (i) => edSigner.sign(messages[i]!)),
      verifyUs: timed(signings, (i) => verifyBytes(ed.publicKey, bytes[i]!, edSigs[i]!, 'Ed25519')),
    },
    {
      suite: 'gm',
      hash: 'SM3',
      signature: 'SM2',
      hashUs: timed(events, (i) => createHash('sm3').update(contents[i]!).digest('hex')),
      signUs: timed(signings, (i) => smSigner.sign(messages[i]!)),
      verifyUs: timed(signings, (i) => verifyBytes(sm2.publicKey, bytes[i]!, smSigs[i]!, 'SM2')),
    },
  ];
}

export function formatCryptoCost(costs: readonly CryptoCost[]): string {
  const us = (x: number) => `${x.toFixed(1)} µs`.padStart(11);
  const lines = [
    "the chain's cryptography (hash: per event; sign and verify: per command, one proof per append):",
    `  ${'suite'.padEnd(6)}${'hash'.padEnd(9)}${'signature'.padEnd(11)}${'hash'.padStart(11)}${'sign'.padStart(11)}${'verify'.padStart(11)}`,
  ];
  for (const c of costs) lines.push(`  ${c.suite.padEnd(6)}${c.hash.padEnd(9)}${c.signature.padEnd(11)}${us(c.hashUs)}${us(c.signUs)}${us(c.verifyUs)}`);
  const intl = costs.find((c) => c.suite === 'intl');
  const gm = costs.find((c) => c.suite === 'gm');
  if (intl && gm) {
    const x = (a: number, b: number) => `×${(a / b).toFixed(1)}`.padStart(11);
    lines.push(`  ${'gm ÷ intl'.padEnd(26)}${x(gm.hashUs, intl.hashUs)}${x(gm.signUs, intl.signUs)}${x(gm.verifyUs, intl.verifyUs)}`);
  }
  return lines.join('\n');
}
