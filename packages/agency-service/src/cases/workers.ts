import { randomUUID } from 'node:crypto';
import type { CaseState } from '@hub/case-domain';
import { maskIdNumber, maskPhone, type WorkerIdentityInput, type WorkerRef } from '@hub/contracts';
import { VaultError, type Vault } from '@hub/service-kit';
import type { WorkerView } from '../wire.js';

/** Encrypts a posted identity under a new worker id; only ciphertext reaches the domain and the store. */
export async function encryptWorker(vault: Vault, worker: WorkerIdentityInput, workerId: string = randomUUID()): Promise<WorkerRef> {
  return {
    workerId,
    name: await vault.encryptField(workerId, worker.name),
    ...(worker.idNumber !== undefined ? { idNumber: await vault.encryptField(workerId, worker.idNumber) } : {}),
    ...(worker.phone !== undefined ? { phone: await vault.encryptField(workerId, worker.phone) } : {}),
  };
}

export type { WorkerView };

/**
 * What a reader sees of each worker. Only the handling agency's own users (this service's agency,
 * whose vault holds the worker's key) get anything decrypted: the name in the clear, the ID number
 * and phone masked (`revealed: false`) unless `reveal` names the worker, when they come in the clear
 * (`revealed: true`: the caller writes the access log). The usual 张*-style masks need the
 * plaintext, which a non-handling agency never has, so it sees a fixed placeholder.
 */
export async function workerViews(
  vault: Vault,
  state: CaseState,
  refs: readonly WorkerRef[],
  mayDecrypt: boolean,
  reveal: ReadonlySet<string> = new Set(),
): Promise<WorkerView[]> {
  const views: WorkerView[] = [];
  for (const ref of refs) views.push(await workerView(vault, state, ref, mayDecrypt, reveal));
  return views;
}

async function workerView(vault: Vault, state: CaseState, ref: WorkerRef, mayDecrypt: boolean, reveal: ReadonlySet<string>): Promise<WorkerView> {
  if (await isErased(vault, state, ref.workerId)) return { workerId: ref.workerId, masked: true, erased: true, name: null };
  const plain = mayDecrypt ? await decrypt(vault, ref) : null;
  if (plain) {
    if (reveal.has(ref.workerId)) return { workerId: ref.workerId, masked: false, erased: false, revealed: true, ...plain };
    return {
      workerId: ref.workerId,
      masked: false,
      erased: false,
      revealed: false,
      name: plain.name,
      ...(plain.idNumber !== undefined ? { idNumber: maskIdNumber(plain.idNumber) } : {}),
      ...(plain.phone !== undefined ? { phone: maskPhone(plain.phone) } : {}),
    };
  }
  return {
    workerId: ref.workerId,
    masked: true,
    erased: false,
    name: '***',
    ...(ref.idNumber ? { idNumber: '***' as const } : {}),
    ...(ref.phone ? { phone: '***' as const } : {}),
  };
}

/** Erased in the case (WorkerDataErased recorded) or in this vault (the key destroyed). */
export async function isErased(vault: Vault, state: CaseState, workerId: string): Promise<boolean> {
  return (state.status !== 'none' && state.workers[workerId]?.erased === true) || (await vault.erasedAt(workerId)) !== null;
}

async function decrypt(vault: Vault, ref: WorkerRef): Promise<{ name: string; idNumber?: string; phone?: string } | null> {
  try {
    const name = await vault.decryptField(ref.workerId, ref.name);
    if (name === null) return null;
    const idNumber = ref.idNumber ? await vault.decryptField(ref.workerId, ref.idNumber) : null;
    const phone = ref.phone ? await vault.decryptField(ref.workerId, ref.phone) : null;
    return { name, ...(idNumber !== null ? { idNumber } : {}), ...(phone !== null ? { phone } : {}) };
  } catch (error) {
    // A field that does not decrypt (tampered, or another worker's) is shown masked, never guessed at.
    if (error instanceof VaultError) return null;
    throw error;
  }
}
