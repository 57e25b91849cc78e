import { generateKeyPairSync, sign } from 'node:crypto';
import type { AgencyId } from '@hub/contracts';
import type { EventStore } from '@hub/event-store';
import type { Signer } from '@hub/service-kit';
import { NumberRegister } from '../../src/register/index.js';

/** A fresh Ed25519 signer: the register signs each issuance as the agency's acts are signed. */
export function testSigner(): Signer {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { keyId: 'register-test', sign: (message) => sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64') };
}

export function registerOn(store: EventStore, agency: AgencyId = 'union', maxAttempts?: number): NumberRegister {
  return new NumberRegister({ store, agency, signer: testSigner(), ...(maxAttempts ? { maxAttempts } : {}) });
}
