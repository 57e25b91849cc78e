/**
 * The reports' charts: the only module that imports recharts, loaded with React.lazy so the page
 * shows its figures and tables first. Horizontal bars (labels read left to right, Chinese or
 * English); series differ by colour and fill pattern; the numbers stand at the bars' ends. The
 * container is role="img" with a text alternative, and the same numbers are in a table beside it.
 */
import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReportChartProps, SeriesTone } from './chartTypes.ts';

const COLOURS: Record<SeriesTone, string> = {
  accent: '#1d4ed8',
  good: '#067647',
  bad: '#b42318',
  pending: '#7b8794',
};

const ROW_HEIGHT = 30;
/** The data field of a row's sum, written at the end of a stacked bar. */
const TOTAL = '__total';

/** Rough width of a label in px at 13px: CJK characters are square, Latin ones about half. */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u2E80-\uFFEF]/.test(ch) ? 13.5 : 7.2;
  return width;
}

function Patterns({ prefix }: { prefix: string }) {
  return (
    <defs>
      <pattern id={`${prefix}-bad`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill={COLOURS.bad} />
        <rect width="2" height="6" fill="#fff" fillOpacity="0.55" />
      </pattern>
      <pattern id={`${prefix}-pending`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill={COLOURS.pending} />
        <circle cx="3" cy="3" r="1.3" fill="#fff" fillOpacity="0.8" />
      </pattern>
    </defs>
  );
}

const fillOf = (tone: SeriesTone, prefix: string): string => (tone === 'bad' || tone === 'pending' ? `url(#${prefix}-${tone})` : COLOURS[tone]);

export default function ReportChart({ description, rows, series, stacked = false, formatNumber, printWidth, onOpen }: ReportChartProps) {
  const prefix = `pattern${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const data = rows.map((row) => ({ name: row.name, ...row.values, [TOTAL]: series.reduce((n, s) => n + (row.values[s.key] ?? 0), 0) }));
  const axisWidth = Math.min(printWidth ? 130 : 200, Math.max(56, Math.ceil(Math.max(...rows.map((r) => textWidth(r.name)))) + 12));
  const legend = series.length > 1;
  const perRow = stacked ? ROW_HEIGHT : Math.max(ROW_HEIGHT, series.length * 16 + 10);
  const height = rows.length * perRow + 36 + (legend ? 30 : 0);
  const format = (value: unknown) => formatNumber(Number(value));
  return (
    <div className="report-chart" {...(printWidth ? { 'aria-hidden': true } : { role: 'img', 'aria-label': description })}>
      {/* the SVG's own parts (legend icons, ticks) say nothing the label does not */}
      <div aria-hidden="true">
        <BarChart
          layout="vertical"
          data={data}
          {...(printWidth ? { width: printWidth, height } : { responsive: true, style: { width: '100%', height } })}
          margin={{ top: 4, right: 36, bottom: 4, left: 4 }}
          accessibilityLayer={false}
          barCategoryGap="22%"
        >
          <Patterns prefix={prefix} />
          <CartesianGrid horizontal={false} stroke="#d9e2ec" />
          <XAxis type="number" allowDecimals={false} tickFormatter={format} tick={{ fontSize: 12, fill: '#52606d' }} />
          <YAxis type="category" dataKey="name" width={axisWidth} interval={0} tick={{ fontSize: 13, fill: '#1f2933', width: axisWidth - 8 }} />
          <Tooltip formatter={format} cursor={{ fill: '#f0f4f8' }} isAnimationActive={false} />
          {legend ? (
            <Legend
              verticalAlign="top"
              height={28}
              iconType="square"
              itemSorter={null}
              wrapperStyle={{ fontSize: 13 }}
              formatter={(value) => <span style={{ color: '#1f2933' }}>{value}</span>}
            />
          ) : null}
          {series.map((s, index) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.name}
              fill={fillOf(s.tone, prefix)}
              stroke={COLOURS[s.tone]}
              isAnimationActive={false}
              maxBarSize={22}
              {...(stacked ? { stackId: 'stack' } : {})}
              {...(onOpen && !printWidth
                ? { onClick: (_: unknown, index: number) => rows[index] && onOpen(rows[index].key, s.key), style: { cursor: 'pointer' } }
                : {})}
            >
              {!stacked || index === series.length - 1 ? (
                <LabelList dataKey={stacked ? TOTAL : s.key} position="right" fontSize={12} fill="#1f2933" formatter={format} />
              ) : null}
            </Bar>
          ))}
        </BarChart>
      </div>
    </div>
  );
}
