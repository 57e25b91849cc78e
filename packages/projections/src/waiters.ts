import { WaitForPositionTimeout, type ProjectionFailed } from './errors.js';

/** What a wait looks at, read afresh on every check: a rebuild may have swapped the worker behind a name. */
export interface Progress {
  name: string;
  position: bigint | null;
  state: string;
  /** Set when the projection is stopped by a failure and nothing (such as a rebuild) is on its way to fix it. */
  failure: ProjectionFailed | undefined;
}

interface Waiter {
  position: bigint;
  targets: () => Progress[];
  resolve: () => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout | undefined;
}

/** The pending `waitForPosition` calls; the runner calls `check` after every commit and change of state. */
export class PositionWaiters {
  private readonly waiters = new Set<Waiter>();

  wait(position: bigint, timeoutMs: number, targets: () => Progress[]): Promise<void> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { position, targets, resolve, reject, timer: undefined };
      if (this.settle(waiter)) return;
      waiter.timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const behind = targets().filter((t) => !reached(t, position));
        reject(
          new WaitForPositionTimeout(
            position,
            timeoutMs,
            behind.map(({ name, position: at, state }) => ({ name, position: at, state })),
          ),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  check(): void {
    for (const waiter of this.waiters) {
      if (this.settle(waiter)) {
        clearTimeout(waiter.timer);
        this.waiters.delete(waiter);
      }
    }
  }

  rejectAll(error: unknown): void {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    this.waiters.clear();
  }

  /** Resolves once all have reached the position; a failed projection that has not rejects at once, since it will not get there by itself. */
  private settle(waiter: Waiter): boolean {
    const behind = waiter.targets().filter((t) => !reached(t, waiter.position));
    if (behind.length === 0) {
      waiter.resolve();
      return true;
    }
    const failed = behind.find((t) => t.failure);
    if (failed) {
      waiter.reject(failed.failure);
      return true;
    }
    return false;
  }
}

function reached(progress: Progress, position: bigint): boolean {
  return progress.position !== null && progress.position >= position;
}
