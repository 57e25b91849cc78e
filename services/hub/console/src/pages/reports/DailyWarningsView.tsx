/** The daily employer-warning report: counts by level, warned employers, employers with new cases. */
import { warningLevels } from '@hub/contracts';
import type { DailyWarningReport } from '@hub/hub-service/wire';
import { formatNumber, useI18n, type Label } from '../../app/i18n.tsx';
import { Empty } from '../../components/common.tsx';
import { ChartBlock, type BlockSeries } from './ChartBlock.tsx';
import { vocabularyLabel } from './reportText.ts';

const LEVEL_SERIES: BlockSeries[] = [
  { key: 'raised', label: { zh: '新增', en: 'Raised' }, tone: 'accent' },
  { key: 'resolved', label: { zh: '解除', en: 'Resolved' }, tone: 'good' },
  { key: 'open', label: { zh: '日终在册', en: 'Open at end of day' }, tone: 'bad' },
];

/** Colour, a mark and the level's words together. */
export function LevelBadge({ level, label }: { level: string; label: Label }) {
  const { t } = useI18n();
  const mark = level === 'red' ? '▲' : level === 'orange' ? '◆' : level === 'yellow' ? '●' : '○';
  return (
    <span className={`badge warning-level warning-level-${level}`}>
      <span aria-hidden="true">{mark} </span>
      {t(label)}
    </span>
  );
}

export function DailyWarningsView({ report, showTable }: { report: DailyWarningReport; showTable: boolean }) {
  const { t, lang } = useI18n();
  const n = (value: number) => formatNumber(value, lang);
  const counts = [report.raised, report.resolved, report.openAtEndOfDay];
  const levelRows = report.raised.byLevel.map((row, i) => ({
    key: row.key,
    label: vocabularyLabel(warningLevels.labels, row),
    values: { raised: row.count, resolved: report.resolved.byLevel[i]?.count ?? 0, open: report.openAtEndOfDay.byLevel[i]?.count ?? 0 },
  }));
  const warned = report.employersWithOpenWarnings;
  const withCases = report.employersWithNewCases;

  return (
    <>
      <h3 className="visually-hidden">{t('预警数量', 'Warning counts')}</h3>
      <dl className="report-figures report-figures-daily">
        {counts.map((c, i) => (
          <div className="card report-figure" key={i}>
            <dt>{t(c.label)}</dt>
            <dd className="report-figure-value">
              {n(c.total)}
              {lang === 'zh' ? ' 条' : ''}
            </dd>
          </div>
        ))}
      </dl>
      <div className="report-charts">
        <ChartBlock
          showTable={showTable}
          title={{ zh: '预警 · 按等级', en: 'Warnings by level' }}
          rows={levelRows}
          series={LEVEL_SERIES}
          linkOf={(key, series) => {
            // The cases of the employers behind the bar: warned at that level on the day (raised, resolved or open at its end).
            const params = new URLSearchParams({ report: 'warnings', reportPeriod: report.date, reportKey: key });
            if (series) params.set('reportSeries', series);
            if (report.region) params.set('region', report.region);
            return `/cases?${params}`;
          }}
          empty={{ zh: '当日没有新增、解除或在册的预警', en: 'No warning raised, resolved or open that day' }}
        />
        <article className="card" aria-labelledby="report-warned-employers">
          <h3 id="report-warned-employers">{t(warned.label)}</h3>
          {warned.employers.length === 0 ? (
            <Empty>{t('日终没有在册预警的企业', 'No employer had an open warning at the end of the day')}</Empty>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('企业名称', 'Employer')}</th>
                    <th scope="col">{t('最高预警等级', 'Highest level')}</th>
                    <th scope="col" className="number">
                      {t('在册预警', 'Open warnings')}
                    </th>
                    <th scope="col">{t('预警原因', 'Reasons')}</th>
                  </tr>
                </thead>
                <tbody>
                  {warned.employers.map((e) => (
                    <tr key={e.uscc}>
                      <th scope="row">
                        {e.name}
                        <div className="muted report-uscc">{e.uscc}</div>
                      </th>
                      <td>
                        <LevelBadge level={e.level} label={vocabularyLabel(warningLevels.labels, { key: e.level, label: e.levelLabel, count: 0 })} />
                      </td>
                      <td className="number">{n(e.openWarnings)}</td>
                      <td>
                        <ul className="report-reasons">
                          {e.reasons.map((r) => (
                            <li key={r}>{r}</li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </article>
      </div>
      <article className="card" aria-labelledby="report-new-case-employers">
        <h3 id="report-new-case-employers">{t(withCases.label)}</h3>
        {withCases.employers.length === 0 ? (
          <Empty>{t('当日没有企业新增案件', 'No employer had a new case that day')}</Empty>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('企业名称', 'Employer')}</th>
                  <th scope="col">{t('统一社会信用代码', 'Unified social credit code')}</th>
                  <th scope="col" className="number">
                    {t('新增案件', 'New cases')}
                  </th>
                  <th scope="col">{t('在册预警', 'Open warning')}</th>
                </tr>
              </thead>
              <tbody>
                {withCases.employers.map((e) => (
                  <tr key={e.uscc}>
                    <th scope="row">{e.name}</th>
                    <td className="report-uscc">{e.uscc}</td>
                    <td className="number">{n(e.newCases)}</td>
                    <td>
                      {e.hasOpenWarning ? (
                        <span className="badge report-has-warning">
                          <span aria-hidden="true">⚠ </span>
                          {t('有在册预警', 'Has an open warning')}
                        </span>
                      ) : (
                        <span className="muted">{t('无', 'None')}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </article>
    </>
  );
}
