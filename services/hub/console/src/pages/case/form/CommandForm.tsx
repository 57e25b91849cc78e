/**
 * One form for any command of the catalog, built from its zod input schema: checked in the
 * browser with that same schema before sending, and the server's refusals shown where they
 * belong — a bad field under the field, a rule's refusal (with its rule id) by the submit button.
 */
import type { Label } from '@hub/contracts';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { ApiError } from '../../../app/api.ts';
import { useI18n } from '../../../app/i18n.tsx';
import { ProblemMessage, RuleIdNote } from '../../../components/common.tsx';
import { fieldLabel } from '../labels.ts';
import { describe } from './describe.ts';
import { FieldView, UnionFields, type FieldContext, type Path } from './Fields.tsx';
import { beijingLocal, OCCURRED_AT_KEY, OccurredAtField, occurredAtBody } from './OccurredAtField.tsx';
import { initialDraft, keyOf, mergeIssues, shownKeys, toBody, type Choices, type Draft, type DraftObject } from './values.ts';
import { prefilled, withoutRuleSet, type Prefill, type RuleSetField } from './ruleSet.ts';
import './form.css';

export interface CommandFormProps {
  /** The catalog name (OpenCase, TransferLead…), for field labels. */
  readonly name: string;
  readonly label: Label;
  readonly input: z.ZodType;
  readonly choices?: Choices | undefined;
  /** Fields the rules set (shown, never sent) and values the case already knows (issue 14.1). */
  readonly ruleSet?: readonly RuleSetField[] | undefined;
  readonly prefill?: Prefill | undefined;
  /** Sends the checked body; throws ApiError on refusal. */
  readonly send: (body: unknown) => Promise<unknown>;
  readonly onDone: (result: unknown) => void;
  readonly onCancel: () => void;
}

/** A problem's field in words ('items.0.deadline' → 整改期限), never its key. */
function issueLabel(key: string, command: string): Label {
  const names = key.split('.').filter((part) => !/^\d+$/.test(part));
  const own = names.at(-1) ?? '';
  const parent = names.at(-2);
  return fieldLabel(own, { command, ...(parent ? { parent } : {}) });
}

function setIn(draft: Draft, path: Path, value: Draft): Draft {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const list = Array.isArray(draft) ? [...(draft as Draft[])] : [];
    list[head] = setIn(list[head] ?? '', rest, value);
    return list;
  }
  const object = (typeof draft === 'object' && !Array.isArray(draft) ? draft : {}) as DraftObject;
  return { ...object, [head!]: setIn(object[head!] ?? '', rest, value) };
}

export function CommandForm({ name, label, input, choices = {}, ruleSet, prefill, send, onDone, onCancel }: CommandFormProps) {
  const { t } = useI18n();
  const idBase = useId().replace(/:/g, '');
  const node = useMemo(() => describe(input), [input]);
  const [draft, setDraft] = useState<Draft>(() => prefilled(initialDraft(node, { optional: false }, choices, []), prefill));
  const [issues, setIssues] = useState<ReadonlyMap<string, Label>>(new Map());
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [fieldRule, setFieldRule] = useState<string | null>(null);
  const [checked, setChecked] = useState(0);
  // 发生时间: now when the form opened; sent only when changed (the service takes its own now otherwise).
  const [openedAt] = useState(() => beijingLocal(new Date()));
  const [occurred, setOccurred] = useState(openedAt);
  const formRef = useRef<HTMLFormElement>(null);
  const headingId = `${idBase}-heading`;
  const problemId = `${idBase}-problem`;

  // Opened from a button: the keyboard goes straight to the first field.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, []);

  // After a failed check, put the keyboard on the first field that needs fixing.
  // A refusal is read out where it is shown, next to the submit button.
  const [refused, setRefused] = useState(0);
  useEffect(() => {
    if (refused > 0) formRef.current?.querySelector<HTMLElement>(`[id="${problemId}"]`)?.focus();
  }, [refused, problemId]);

  useEffect(() => {
    if (checked === 0) return;
    const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (first ?? formRef.current?.querySelector<HTMLElement>('.form-problems'))?.focus();
  }, [checked]);

  const ctx: FieldContext = {
    command: name,
    choices,
    ruleSet,
    root: draft,
    prefill,
    issues,
    idBase,
    set: (path, value) => {
      setDraft((before) => setIn(before, path, value));
      const key = keyOf(path);
      if (issues.has(key)) setIssues((before) => new Map([...before].filter(([k]) => k !== key && !k.startsWith(`${key}.`))));
    },
  };

  const shown = new Set([...shownKeys(node, draft, choices), OCCURRED_AT_KEY]);
  const unplaced = [...issues].filter(([key]) => !shown.has(key));

  async function submit(event: FormEvent) {
    event.preventDefault();
    // The button stays focusable while a submission runs (aria-disabled), so focus is not lost.
    if (busy) return;
    setFailure(null);
    setFieldRule(null);
    const { body: filled, issues: local } = toBody(node, draft, choices);
    const body = withoutRuleSet(filled, ruleSet, draft);
    const parsed = input.safeParse(body);
    const found = mergeIssues(local, parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
    const occurredAt = occurred === openedAt ? undefined : occurredAtBody(occurred);
    if (occurred !== openedAt && occurredAt === null) {
      found.set(OCCURRED_AT_KEY, { zh: '请填写完整的发生时间（日期和时刻）', en: 'Give the full date and time it happened' });
    }
    setIssues(found);
    if (found.size > 0) {
      setChecked((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const sent = parsed.success ? parsed.data : body;
      const result = await send(occurredAt ? { ...(sent as object), occurredAt } : sent);
      onDone(result);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.problem.errors?.length) {
        setIssues(mergeIssues(new Map(), error.problem.errors));
        // A rule's refusal of one field (发生时间) keeps its rule id, small, beside the list of problems.
        setFieldRule(typeof error.problem.ruleId === 'string' ? error.problem.ruleId : null);
        setChecked((n) => n + 1);
      } else {
        setFailure(error);
        setRefused((n) => n + 1);
      }
    } finally {
      setBusy(false);
    }
  }

  const count = issues.size;
  return (
    <form
      ref={formRef}
      className="cmd-form"
      onSubmit={submit}
      noValidate
      aria-labelledby={headingId}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !busy) {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <h3 id={headingId}>{t(label)}</h3>
      {node.kind === 'union' ? (
        <UnionFields node={node} draft={draft} path={[]} ctx={ctx} />
      ) : (
        node.fields.map((f) => <FieldView key={f.name} field={f} draft={(draft as DraftObject)[f.name] ?? ''} path={[f.name]} ctx={ctx} />)
      )}
      <OccurredAtField
        id={`${idBase}-occurredAt`}
        value={occurred}
        onChange={(value) => {
          setOccurred(value);
          if (issues.has(OCCURRED_AT_KEY)) setIssues((before) => new Map([...before].filter(([k]) => k !== OCCURRED_AT_KEY)));
        }}
        issue={issues.get(OCCURRED_AT_KEY)}
      />
      {count > 0 ? (
        <div className="problem form-problems" role="alert" tabIndex={-1}>
          {t(`请修正标出的 ${count} 处问题后再提交`, `Fix the ${count} marked problem${count === 1 ? '' : 's'} and submit again`)}
          {unplaced.length > 0 ? (
            <ul>
              {unplaced.map(([key, issue]) => (
                <li key={key}>
                  {key ? `${t(issueLabel(key, name))}：` : ''}
                  {t(issue)}
                </li>
              ))}
            </ul>
          ) : null}
          {fieldRule ? <RuleIdNote ruleId={fieldRule} /> : null}
        </div>
      ) : null}
      <ProblemMessage error={failure} id={problemId} />
      <div className="form-actions">
        <button type="submit" className="primary" aria-disabled={busy} aria-describedby={failure ? problemId : undefined}>
          {busy ? t('正在提交…', 'Submitting…') : t('确认提交', 'Submit')}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          {t('取消', 'Cancel')}
        </button>
      </div>
    </form>
  );
}
