/** Base of every failure the runner reports on purpose; `code` is stable for callers and logs. */
export abstract class ProjectionError extends Error {
  abstract readonly code: string;
  override get name(): string {
    return this.constructor.name;
  }
}

/**
 * A projection stopped: its `apply` threw (then `position` and `eventType` name the event), or its
 * subscription broke. The batch was rolled back; the checkpoint is still before the event.
 */
export class ProjectionFailed extends ProjectionError {
  readonly code = 'projection_failed';
  constructor(
    readonly projection: string,
    readonly position: bigint | undefined,
    readonly eventType: string | undefined,
    override readonly cause: unknown,
  ) {
    const where = position === undefined ? '' : ` at position ${position} (${eventType})`;
    super(`projection "${projection}" failed${where}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

export class WaitForPositionTimeout extends ProjectionError {
  readonly code = 'wait_for_position_timeout';
  constructor(
    readonly position: bigint,
    readonly timeoutMs: number,
    /** Each projection that had not reached the position, with where it was. */
    readonly behind: ReadonlyArray<{ name: string; position: bigint | null; state: string }>,
  ) {
    const list = behind.map((b) => `"${b.name}" at ${b.position ?? 'start'} (${b.state})`).join(', ');
    super(`projections did not reach position ${position} within ${timeoutMs} ms: ${list}`);
  }
}

export class UnknownProjection extends ProjectionError {
  readonly code = 'unknown_projection';
  constructor(readonly projection: string) {
    super(`no projection named "${projection}" in this runner`);
  }
}

export class InvalidProjection extends ProjectionError {
  readonly code = 'invalid_projection';
  constructor(
    readonly projection: unknown,
    reason: string,
  ) {
    super(`invalid projection ${JSON.stringify(projection)}: ${reason}`);
  }
}

export class RebuildInProgress extends ProjectionError {
  readonly code = 'rebuild_in_progress';
  constructor(readonly projection: string) {
    super(`projection "${projection}" is already being rebuilt`);
  }
}

/** The runner is not running: not started yet, or stopped (which also ends waits and rebuilds). */
export class RunnerNotRunning extends ProjectionError {
  readonly code = 'runner_not_running';
  constructor(what: string) {
    super(`the projection runner is not running: ${what}`);
  }
}
