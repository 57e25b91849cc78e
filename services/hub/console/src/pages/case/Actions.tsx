/**
 * 办理: the acts this user's agency and role may do on the case now (the service says which),
 * one button each; a button opens that command's form below the row, one form at a time.
 */
import { commandCatalog, type AgencyId, type Label } from '@hub/contracts';
import type { MeetingList } from '@hub/hub-service/wire';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import type { z } from 'zod';
import { agencyApi, hub, withQuery } from '../../app/api.ts';
import { formatDate, useI18n } from '../../app/i18n.tsx';
import { hasRole, useSignedIn } from '../../app/session.tsx';
import { Loading, ProblemMessage } from '../../components/common.tsx';
import { CommandForm } from './form/CommandForm.tsx';
import type { Choice, Choices } from './form/values.ts';
import type { AvailableCommand, CaseView, CommandList } from './types.ts';

export const commandsKey = (agency: AgencyId, caseId: string) => ['case-commands', agency, caseId] as const;

export function Actions({ agency, caseId, view, onDone }: { agency: AgencyId; caseId: string; view: CaseView; onDone: () => void }) {
  const { t } = useI18n();
  const session = useSignedIn();
  const headingId = useId();
  const panelId = useId();
  const [open, setOpen] = useState<string | null>(null);
  const [done, setDone] = useState<Label | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  // After an act, focus goes to what says it was done: the act's own button may be gone by then.
  const doneRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  const query = useQuery({
    queryKey: commandsKey(agency, caseId),
    queryFn: ({ signal }) => agencyApi<CommandList>(agency, `/cases/${caseId}/commands`, { signal }),
  });

  const commands = (query.data?.commands ?? []).filter((c) => Object.hasOwn(commandCatalog, c.name));
  const current = commands.find((c) => c.name === open) ?? null;

  const close = (name: string) => {
    setOpen(null);
    buttons.current.get(name)?.focus();
  };

  return (
    <section className="card case-actions no-print" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('办理', 'Act')}</h2>
      {query.isPending ? <Loading what={{ zh: '正在获取可办理事项…', en: 'Loading what you can do…' }} /> : null}
      {query.isError ? <ProblemMessage error={query.error} /> : null}
      {query.isSuccess && commands.length === 0 ? (
        <p className="muted">
          {hasRole(session, 'liaison', 'secretary', 'admin')
            ? t('本机构当前在此案件上没有可办理的事项。', 'There is nothing your agency can do on this case now.')
            : t('您的角色只能查看此案件，不能办理。', 'Your role may read this case but not act on it.')}
        </p>
      ) : null}
      {commands.length > 0 ? (
        <ul className="action-list">
          {commands.map((c) => (
            <li key={c.name}>
              <button
                type="button"
                ref={(el) => {
                  if (el) buttons.current.set(c.name, el);
                  else buttons.current.delete(c.name);
                }}
                className={open === c.name ? 'primary' : undefined}
                aria-expanded={open === c.name}
                aria-controls={open === c.name ? panelId : undefined}
                onClick={() => {
                  setDone(null);
                  setOpen(open === c.name ? null : c.name);
                }}
              >
                {t(c.label)}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {done ? (
        <p className="success" role="status" ref={doneRef} tabIndex={-1}>
          {t('已办理：', 'Done: ')}
          {t(done)}
        </p>
      ) : null}
      {current ? (
        <div id={panelId} className="action-panel">
          <CommandPanel
            key={current.name}
            agency={agency}
            caseId={caseId}
            view={view}
            command={current}
            onCancel={() => close(current.name)}
            onDone={() => {
              setOpen(null);
              setDone(current.label);
              onDone();
            }}
          />
        </div>
      ) : null}
    </section>
  );
}

/**
 * Choices the service leaves to the console: a delegated mediation the union room may take up
 * (StartMediation; a new id starts the agency's own), and the held joint meeting a decision
 * comes from (RecordMeetingDecision; the meeting's stream, not the case, knows it).
 */
function useExtraChoices(command: AvailableCommand, view: CaseView): Choices {
  const { lang } = useI18n();
  const wantsMeetings = command.name === 'RecordMeetingDecision' && command.choices?.['meetingId'] === undefined;
  const meetings = useQuery({
    queryKey: ['meetings', 'held'],
    queryFn: ({ signal }) => hub<MeetingList>(withQuery('/meetings', { status: 'held', limit: 200 }), { signal }),
    enabled: wantsMeetings,
  });
  const extra: Record<string, readonly Choice[]> = {};
  if (command.name === 'StartMediation' && command.choices?.['mediationId'] === undefined) {
    const delegated = Object.entries(view.mediations).filter(([, m]) => m.status === 'delegated');
    if (delegated.length > 0) {
      extra['mediationId'] = delegated.map(([id, m]) => {
        const room = m.mediationRoom;
        return {
          value: id,
          label: {
            zh: `仲裁委委托的调解 ${id.slice(0, 8)}${room ? ` · ${room}` : ''}`,
            en: `Delegated mediation ${id.slice(0, 8)}${room ? ` · ${room}` : ''}`,
          },
        };
      });
    }
  }
  if (wantsMeetings && meetings.isError) extra['meetingId'] = [];
  if (wantsMeetings && meetings.data) {
    extra['meetingId'] = meetings.data.meetings.map((m) => {
      const when = m.heldAt ?? m.scheduledFor;
      const date = when ? `（${formatDate(when, lang)}）` : '';
      return { value: m.meetingId, label: { zh: `${m.title ?? '联席会议'}${date}`, en: `${m.title ?? 'Joint meeting'}${date}` } };
    });
  }
  return { ...(command.choices ?? {}), ...extra };
}

function CommandPanel({
  agency,
  caseId,
  view,
  command,
  onCancel,
  onDone,
}: {
  agency: AgencyId;
  caseId: string;
  view: CaseView;
  command: AvailableCommand;
  onCancel: () => void;
  onDone: () => void;
}) {
  const definition = commandCatalog[command.name as keyof typeof commandCatalog];
  const choices = useExtraChoices(command, view);
  const waiting = command.name === 'RecordMeetingDecision' && choices['meetingId'] === undefined;
  if (waiting) return <Loading what={{ zh: '正在获取联席会议…', en: 'Loading joint meetings…' }} />;
  return (
    <CommandForm
      name={command.name}
      label={command.label ?? definition.label}
      input={definition.input as unknown as z.ZodType}
      choices={choices}
      ruleSet={command.ruleSet}
      prefill={command.prefill}
      send={(body) => agencyApi(agency, `/cases/${caseId}/${command.path || definition.path}`, { body })}
      onDone={onDone}
      onCancel={onCancel}
    />
  );
}
