/** What a chart is given: already translated, so the lazy chart module needs no i18n of its own. */

/** Each series has a colour and a fill pattern, so series differ by more than colour. */
export type SeriesTone = 'accent' | 'good' | 'bad' | 'pending';

export interface ChartSeries {
  readonly key: string;
  readonly name: string;
  readonly tone: SeriesTone;
}

export interface ChartRow {
  readonly key: string;
  readonly name: string;
  readonly values: { readonly [series: string]: number };
}

export interface ReportChartProps {
  /** The text alternative of the chart container (role="img"). */
  readonly description: string;
  readonly rows: readonly ChartRow[];
  readonly series: readonly ChartSeries[];
  /** Bars of several series on top of each other (parts of one whole) rather than side by side. */
  readonly stacked?: boolean;
  readonly formatNumber: (n: number) => string;
  /**
   * A fixed width: the copy drawn for print at the width of half an A4 page (a print layout does
   * not resize a responsive chart in time). Hidden from assistive technology: the screen copy and
   * the table speak for it.
   */
  readonly printWidth?: number;
  /** Opens what a bar counts (the row's key, and the series clicked): the cases behind it. Absent: the bars are only drawn. */
  readonly onOpen?: ((key: string, series: string) => void) | undefined;
}
