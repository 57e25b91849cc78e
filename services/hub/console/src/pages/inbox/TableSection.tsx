/**
 * One card of the inbox: a heading, the query's loading and error states, a line when it found
 * nothing, else a table. The inbox's three lists differ only in their words, columns and rows.
 */
import type { ReactNode } from 'react';
import { Empty, Loading, ProblemMessage } from '../../components/common.tsx';

/** The part of a react-query result a section reads. */
export interface Loaded<T> {
  readonly data: T | undefined;
  readonly isPending: boolean;
  readonly error: unknown;
}

export interface TableSectionProps {
  /** The heading's id, which names the section (aria-labelledby). */
  readonly id: string;
  readonly title: string;
  /** Beside the heading (a link to more). */
  readonly action?: ReactNode;
  /** Between the heading and the table (counts). */
  readonly summary?: ReactNode;
  readonly query: Loaded<unknown>;
  /** How many rows there are to show. */
  readonly rows: number;
  /** Said when the query answered with nothing to show. */
  readonly empty: string;
  /** What the table holds, for screen readers. */
  readonly caption: string;
  readonly columns: readonly string[];
  /** Header cells to show instead of `columns` (headers that sort). */
  readonly head?: ReactNode;
  readonly tableId?: string;
  /** The rows are being fetched again (aria-busy). */
  readonly busy?: boolean;
  /** Under the table (a pager, how many more). */
  readonly footer?: ReactNode;
  /** The table's rows. */
  readonly children: ReactNode;
}

export function TableSection({ id, title, action, summary, query, rows, empty, caption, columns, head, tableId, busy, footer, children }: TableSectionProps) {
  const heading = <h2 id={id}>{title}</h2>;
  return (
    <section className="card" aria-labelledby={id}>
      {action ? (
        <div className="section-head">
          {heading}
          {action}
        </div>
      ) : (
        heading
      )}
      {summary}
      {query.isPending ? <Loading /> : null}
      <ProblemMessage error={query.error} />
      {query.data && rows === 0 ? <Empty>{empty}</Empty> : null}
      {rows > 0 ? (
        <div className="table-wrap">
          <table id={tableId} aria-busy={busy || undefined}>
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                {head ??
                  columns.map((column) => (
                    <th key={column} scope="col">
                      {column}
                    </th>
                  ))}
              </tr>
            </thead>
            <tbody>{children}</tbody>
          </table>
        </div>
      ) : null}
      {footer}
    </section>
  );
}
