import { randomUUID } from 'node:crypto';
import type { CaseState } from '@hub/case-domain';
import type { WorkerIdentityInput, WorkerRef } from '@hub/contracts';
import { VaultError, type Vault } from '@hub/service-kit';
import type { WorkerView } from '../wire.js';

/** Encrypts a posted identity under a new worker id; only ciphertext reaches the domain and the store. */
export function encryptWorker(vault: Vault, worker: WorkerIdentityInput, workerId: string = randomUUID()): WorkerRef {
  return {
    workerId,
    name: vault.encryptField(workerId, worker.name),
    ...(worker.idNumber !== undefined ? { idNumber: vault.encryptField(workerId, worker.idNumber) } : {}),
    ...(worker.phone !== undefined ? { phone: vault.encryptField(workerId, worker.phone) } : {}),
  };
}

export type { WorkerView };

/**
 * What a reader sees of each worker. Plaintext only when the reader belongs to this service's
 * agency and this vault holds the worker's key (the handling agency); the usual 张*-style masks
 * need the plaintext, which a non-handling agency never has, so it sees a fixed placeholder.
 */
export function workerViews(vault: Vault, state: CaseState, refs: readonly WorkerRef[], mayDecrypt: boolean): WorkerView[] {
  const erased = (id: string) => state.status !== 'none' && state.workers[id]?.erased === true;
  return refs.map((ref): WorkerView => {
    if (erased(ref.workerId) || vault.erasedAt(ref.workerId) !== null) return { workerId: ref.workerId, masked: true, erased: true, name: null };
    const plain = mayDecrypt ? decrypt(vault, ref) : null;
    if (plain) return { workerId: ref.workerId, masked: false, erased: false, ...plain };
    return {
      workerId: ref.workerId,
      masked: true,
      erased: false,
      name: '***',
      ...(ref.idNumber ? { idNumber: '***' as const } : {}),
      ...(ref.phone ? { phone: '***' as const } : {}),
    };
  });
}

function decrypt(vault: Vault, ref: WorkerRef): { name: string; idNumber?: string; phone?: string } | null {
  try {
    const name = vault.decryptField(ref.workerId, ref.name);
    if (name === null) return null;
    const idNumber = ref.idNumber ? vault.decryptField(ref.workerId, ref.idNumber) : null;
    const phone = ref.phone ? vault.decryptField(ref.workerId, ref.phone) : null;
    return { name, ...(idNumber !== null ? { idNumber } : {}), ...(phone !== null ? { phone } : {}) };
  } catch (error) {
    // A field that does not decrypt (tampered, or another worker's) is shown masked, never guessed at.
    if (error instanceof VaultError) return null;
    throw error;
  }
}
