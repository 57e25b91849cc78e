/** A held meeting's decisions: how each reads, whether it is on its case, and the host's way to carry out the rest. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { agencyApi, ApiError } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { DateText, ProblemMessage } from '../../components/common.tsx';
import { caseRef, decisionLabels } from './labels.ts';
import { refreshAfterMeeting } from './queries.ts';
import { CaseLink } from './RectificationTable.tsx';
import type { AppliedDecisions, DecisionOutcome, MeetingDecision, MeetingDetail, RectificationItem } from './types.ts';

/** The meeting's decision on one item, for the agenda table (and the printout). */
export function DecisionCell({ decision }: { decision: MeetingDecision | undefined }) {
  const { t } = useI18n();
  if (!decision) return <span className="muted">{t('未作决定', 'No decision')}</span>;
  return (
    <div className="mtg-decision-cell">
      <span>
        <strong>{t(decision.label)}</strong>
        {decision.newDeadline ? (
          <>
            {' '}
            {t('至', 'to')} <DateText value={decision.newDeadline} />
          </>
        ) : null}
      </span>
      <span className="mtg-small">{decision.note}</span>
      {decision.applied ? (
        <span className="badge mtg-applied">
          <span aria-hidden="true">✓ </span>
          {t('已记入案件', 'On its case')}
        </span>
      ) : (
        <span className="badge mtg-not-applied">
          <span aria-hidden="true">✗ </span>
          {t('未记入案件', 'Not on its case yet')}
        </span>
      )}
    </div>
  );
}

/** Decisions on items this viewer cannot see in the list (cases of other agencies). */
export function OtherDecisions({ decisions }: { decisions: readonly MeetingDecision[] }) {
  const { t } = useI18n();
  if (decisions.length === 0) return null;
  return (
    <div className="mtg-others">
      <h3>{t('其他案件的决定', 'Decisions on other cases')}</h3>
      <ul>
        {decisions.map((d) => (
          <li key={`${d.caseId}/${d.itemId}`}>
            <CaseLink caseId={d.caseId} />
            {t('，事项', ', item')} {caseRef(d.itemId)}：<DecisionCell decision={d} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What the agency service said when it recorded the decisions on their cases. */
export function OutcomeReport({ outcomes, items, title }: { outcomes: readonly DecisionOutcome[]; items: readonly RectificationItem[]; title: string }) {
  const { t } = useI18n();
  const applied = outcomes.filter((o) => o.applied).length;
  const refused = outcomes.filter((o) => !o.applied);
  const describe = (o: DecisionOutcome) => items.find((i) => i.itemId === o.itemId)?.description ?? `${t('事项', 'Item')} ${caseRef(o.itemId)}`;
  // The form that asked is gone once the meeting is held: the answer takes the focus.
  const ref = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves to the outcome each time new outcomes arrive
  useEffect(() => ref.current?.focus(), [outcomes]);
  return (
    <div className="mtg-outcome" role="status" tabIndex={-1} ref={ref}>
      <p className={refused.length === 0 ? 'success' : 'problem'}>
        {title}
        {t(`${outcomes.length} 项决定中，${applied} 项已记入案件。`, ` ${applied} of ${outcomes.length} decision(s) recorded on their cases.`)}
      </p>
      {refused.length > 0 ? (
        <ul className="mtg-refused">
          {refused.map((o) => (
            <li key={`${o.caseId}/${o.itemId}`}>
              <strong>{describe(o)}</strong>（{t(decisionLabels[o.decision])}）：
              {o.problem ? <ProblemMessage error={new ApiError(o.problem)} /> : t('未记入', 'not recorded')}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** 补记联席会议决定: carries out the decisions not yet on their cases (host's secretary; idempotent). */
export function ApplyDecisions({ meeting, onApplied }: { meeting: MeetingDetail; onApplied(outcomes: DecisionOutcome[]): void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => agencyApi<AppliedDecisions>(meeting.hostAgency!, `/meetings/${meeting.meetingId}/apply-decisions`, { body: {} }),
    onSuccess: async ({ decisions }) => {
      onApplied(decisions);
      await refreshAfterMeeting(client, meeting.meetingId);
    },
  });
  return (
    <div className="mtg-apply no-print">
      <button type="button" className="primary" disabled={mutation.isPending} onClick={() => mutation.mutate()}>
        {mutation.isPending ? t('正在记入…', 'Recording…') : t('补记联席会议决定', 'Record decisions on their cases')}
      </button>
      <span className="muted">{t('将尚未记入案件的决定记入各案件。', 'Records on their cases the decisions not there yet.')}</span>
      <ProblemMessage error={mutation.error} />
    </div>
  );
}
