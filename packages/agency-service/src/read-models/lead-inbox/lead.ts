import type { AgencyId, CaseEvent } from '@hub/contracts';

/** The read model's document: one per lead. */
export interface LeadDoc {
  caseId: string;
  leadId: string;
  from: AgencyId;
  to: AgencyId;
  summary: string;
  feedbackDueAt: string;
  status: 'pending' | 'accepted' | 'declined';
  feedbackGiven: boolean;
  transferredAt: string;
  /** When the receiver accepted or declined it. */
  answeredAt: string | null;
}

export const eventTypes = ['LeadTransferred', 'LeadAccepted', 'LeadDeclined', 'LeadFeedbackGiven'] as const;

export const initialState: LeadDoc | null = null;

/** The lead id an event is about, to load its document before `evolve`. */
export function leadIdOf(event: CaseEvent): string | undefined {
  return (eventTypes as readonly string[]).includes(event.type) ? (event.data as { leadId: string }).leadId : undefined;
}

export function evolve(doc: LeadDoc | null, event: CaseEvent, at: { caseId: string; recordedAt: string }): LeadDoc | null {
  switch (event.type) {
    case 'LeadTransferred': {
      // A lead id is written once per case; a second transfer under it was refused by the decider.
      if (doc) return doc;
      const { leadId, from, to, summary, feedbackDueAt } = event.data;
      return {
        caseId: at.caseId,
        leadId,
        from,
        to,
        summary,
        feedbackDueAt,
        status: 'pending',
        feedbackGiven: false,
        transferredAt: at.recordedAt,
        answeredAt: null,
      };
    }
    case 'LeadAccepted':
      return doc && { ...doc, status: 'accepted', answeredAt: at.recordedAt };
    case 'LeadDeclined':
      return doc && { ...doc, status: 'declined', answeredAt: at.recordedAt };
    case 'LeadFeedbackGiven':
      return doc && { ...doc, feedbackGiven: true };
    default:
      return doc;
  }
}
