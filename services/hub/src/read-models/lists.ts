/**
 * What the hub's long lists (cases, rectification items) share (issue 14.4): a sort chosen from a
 * whitelist of columns, each column's SQL written here and never taken from the request, and the
 * deadline state a list is filtered by.
 */

export type SortDirection = 'asc' | 'desc';
export const sortDirections = ['asc', 'desc'] as const satisfies readonly SortDirection[];

/** How a list is ordered: one of its whitelisted columns, and which way. */
export interface ListSort<K extends string> {
  by: K;
  dir: SortDirection;
}

/**
 * An ORDER BY clause: the chosen column's expression, then the tie-breakers in a fixed order, so
 * that paging through equal values neither skips nor repeats a row. Rows without a value (NULL)
 * come last whichever way the list is sorted: an item with no deadline is not "the earliest".
 */
export function orderBy<K extends string>(columns: Readonly<Record<K, string>>, sort: ListSort<K>, tieBreakers: readonly string[]): string {
  const expression = columns[sort.by];
  const dir = sort.dir === 'asc' ? 'ASC' : 'DESC';
  return `ORDER BY (${expression}) IS NULL, ${expression} ${dir}, ${tieBreakers.map((t) => `${t} ${dir}`).join(', ')}`;
}

/**
 * Where a case's or item's next deadline stands as of the query: 逾期 (passed, still owed), 临近
 * (due within the policy's days, today included), 未到期 (later), 无 (nothing owed).
 */
export type DeadlineState = 'overdue' | 'due_soon' | 'pending' | 'none';
export const deadlineStates = ['overdue', 'due_soon', 'pending', 'none'] as const satisfies readonly DeadlineState[];

/** The instants a deadline-state filter compares with: now, and the last instant still "soon". */
export interface DeadlineClock {
  now: Date;
  soonUntil: Date;
}

/** The SQL condition for a state over a column of UTC ISO text (NULL: nothing owed); binds @dueNow and @dueSoonUntil. */
export function deadlineCondition(column: string, state: DeadlineState): string {
  switch (state) {
    case 'overdue':
      return `${column} < @dueNow`;
    case 'due_soon':
      return `(${column} >= @dueNow AND ${column} <= @dueSoonUntil)`;
    case 'pending':
      return `${column} > @dueSoonUntil`;
    case 'none':
      return `${column} IS NULL`;
  }
}

export const deadlineParams = (clock: DeadlineClock): Record<string, string> => ({
  dueNow: clock.now.toISOString(),
  dueSoonUntil: clock.soonUntil.toISOString(),
});
