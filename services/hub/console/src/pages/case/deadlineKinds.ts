/** What each kind of deadline is (case-domain's DeadlineKind), and the order of urgency. */
import type { Label } from '@hub/contracts';

export const deadlineKindLabels: Readonly<Record<string, Label>> = {
  worker_feedback: { zh: '向职工反馈', en: 'Feedback to the worker' },
  lead_feedback: { zh: '线索办理反馈', en: 'Feedback on a lead' },
  letter_reply: { zh: '监督文书回复', en: 'Reply to a supervision letter' },
  arbitration_acceptance: { zh: '仲裁受理审查', en: 'Decide on accepting arbitration' },
  arbitration_conclusion: { zh: '仲裁结案', en: 'Conclude arbitration' },
  rectification_item: { zh: '整改事项', en: 'Rectification item' },
  agreement_fulfilment: { zh: '调解协议履行', en: 'Mediation agreement fulfilment' },
};

export const deadlineKindLabel = (kind: string): Label => deadlineKindLabels[kind] ?? { zh: kind, en: kind };

/** Overdue first, then due today, due soon, and the rest. */
export const URGENCY: Readonly<Record<string, number>> = { overdue: 0, due_today: 1, due_soon: 2, pending: 3, open: 3 };
export const byUrgency = <T extends { status: string | null; dueAt: string }>(a: T, b: T): number =>
  (URGENCY[a.status ?? 'pending'] ?? 9) - (URGENCY[b.status ?? 'pending'] ?? 9) || a.dueAt.localeCompare(b.dueAt);
