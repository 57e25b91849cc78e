/**
 * The inputs of the generic command form, one component per kind of field. Every input has a
 * visible <label> (groups a <fieldset> with a <legend>); a field's problem sits under it with
 * aria-invalid and aria-describedby pointing at it.
 */
import type { Label } from '@hub/contracts';
import type { ReactNode } from 'react';
import { useI18n } from '../../../app/i18n.tsx';
import { enumLabels, fieldLabel } from '../labels.ts';
import type { Field, FieldNode, ObjectNode, UnionNode } from './describe.ts';
import {
  choicesFor,
  initialDraft,
  initialUnionOption,
  isGeneratedId,
  isPickList,
  keyOf,
  newId,
  type Choice,
  type Choices,
  type Draft,
  type DraftObject,
  type Issues,
} from './values.ts';
import { prefilled, ruleSetValue, type Prefill, type RuleSetField } from './ruleSet.ts';

export type Path = readonly (string | number)[];

export interface FieldContext {
  readonly command: string;
  readonly choices: Choices;
  /** The fields the rules set, and the whole draft their conditions are read from. */
  readonly ruleSet?: readonly RuleSetField[] | undefined;
  readonly root?: Draft;
  /** What the case already knows, for new list items too. */
  readonly prefill?: Prefill | undefined;
  readonly issues: Issues;
  readonly idBase: string;
  readonly set: (path: Path, value: Draft) => void;
}

/** Fields that name an existing thing from `choices`, or a new one (StartMediation: a delegated mediation, or our own). */
const MAY_BE_NEW: Readonly<Record<string, readonly string[]>> = { StartMediation: ['mediationId'] };
const NEW_VALUE = '__new__';

export const fieldId = (ctx: FieldContext, path: Path): string => `${ctx.idBase}-${keyOf(path).replace(/[^A-Za-z0-9_-]/g, '-') || 'root'}`;
const errorId = (ctx: FieldContext, path: Path) => `${fieldId(ctx, path)}-error`;
const hintId = (ctx: FieldContext, path: Path) => `${fieldId(ctx, path)}-hint`;

const choiceLabel = (choice: Choice): Label => (typeof choice.label === 'string' ? { zh: choice.label, en: choice.label } : choice.label);

function FieldError({ ctx, path }: { ctx: FieldContext; path: Path }) {
  const { t } = useI18n();
  const issue = ctx.issues.get(keyOf(path));
  if (!issue) return null;
  return (
    <span className="field-error" id={errorId(ctx, path)}>
      {t(issue)}
    </span>
  );
}

/** aria-invalid and aria-describedby for an input with an optional hint. */
function described(ctx: FieldContext, path: Path, hint: boolean) {
  const invalid = ctx.issues.has(keyOf(path));
  const ids = [hint ? hintId(ctx, path) : null, invalid ? errorId(ctx, path) : null].filter(Boolean).join(' ');
  return { 'aria-invalid': invalid || undefined, 'aria-describedby': ids || undefined } as const;
}

function LabelText({ label, optional }: { label: Label; optional: boolean }) {
  const { t } = useI18n();
  return (
    <>
      {t(label)}
      {optional ? <span className="optional-mark">{t('（选填）', ' (optional)')}</span> : null}
    </>
  );
}

interface LeafProps {
  readonly ctx: FieldContext;
  readonly path: Path;
  readonly label: Label;
  readonly optional: boolean;
  readonly hint?: Label | undefined;
  readonly children: (props: { id: string; 'aria-invalid'?: true | undefined; 'aria-describedby'?: string | undefined; required: boolean }) => ReactNode;
}

/** A labelled single input: label, the input, its hint and its problem. */
function Leaf({ ctx, path, label, optional, hint, children }: LeafProps) {
  const { t } = useI18n();
  const id = fieldId(ctx, path);
  return (
    <div className="field">
      <label htmlFor={id}>
        <LabelText label={label} optional={optional} />
      </label>
      {children({ id, ...described(ctx, path, hint !== undefined), required: !optional })}
      {hint ? (
        <span className="hint" id={hintId(ctx, path)}>
          {t(hint)}
        </span>
      ) : null}
      <FieldError ctx={ctx} path={path} />
    </div>
  );
}

function Select({
  ctx,
  path,
  label,
  optional,
  value,
  options,
}: {
  ctx: FieldContext;
  path: Path;
  label: Label;
  optional: boolean;
  value: string;
  options: readonly { value: string; label: Label }[];
}) {
  const { t } = useI18n();
  return (
    <Leaf ctx={ctx} path={path} label={label} optional={optional}>
      {(props) => (
        <select {...props} value={value} onChange={(e) => ctx.set(path, e.target.value)}>
          <option value="">{t('请选择…', 'Choose…')}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {t(o.label)}
            </option>
          ))}
        </select>
      )}
    </Leaf>
  );
}

/** A value the rules set, shown as read-only text where its input would be. */
function RuleSetText({ ctx, path, label, set }: { ctx: FieldContext; path: Path; label: Label; set: RuleSetField }) {
  const { t } = useI18n();
  const id = fieldId(ctx, path);
  return (
    <div className="field field-ruleset">
      <span className="field-label" id={`${id}-label`}>
        {t(label)}
      </span>
      <output id={id} aria-labelledby={`${id}-label`} className="ruleset-value" data-rule={set.ruleId}>
        {t(set.label)}
      </output>
    </div>
  );
}

const HINTS = {
  money: { zh: '单位：元，最多两位小数', en: 'In yuan, up to two decimals' },
  datetime: { zh: '截至所选日期 24 时（北京时间）', en: 'Until the end of that day, Beijing time' },
  lines: { zh: '每行一个', en: 'One per line' },
} satisfies Record<string, Label>;

export function FieldView({ field, draft, path, parent, ctx }: { field: Field; draft: Draft; path: Path; parent?: string | undefined; ctx: FieldContext }) {
  const { t } = useI18n();
  const { node, optional } = field;
  const label = fieldLabel(field.name, { command: ctx.command, ...(parent ? { parent } : {}) });
  const offered = choicesFor(ctx.choices, path);
  const text = typeof draft === 'string' ? draft : '';
  // A field the rules set (a 检察建议's 回复期限): its value as text, no input (issue 14.1).
  const set = path.length === 1 ? ruleSetValue(ctx.ruleSet, field.name, ctx.root ?? {}) : undefined;
  if (set) return <RuleSetText ctx={ctx} path={path} label={label} set={set} />;

  switch (node.kind) {
    case 'literal':
      return null;
    case 'uuid': {
      if (isGeneratedId(node, field, offered)) return null;
      // An optional reference with nothing to refer to (no letter, no arbitration yet) is left out.
      if (!offered || (offered.length === 0 && optional)) return null;
      const mayBeNew = MAY_BE_NEW[ctx.command]?.includes(field.name) ?? false;
      const isNew = mayBeNew && text !== '' && !offered.some((c) => c.value === text);
      const options = offered.map((c) => ({ value: c.value, label: choiceLabel(c) }));
      if (mayBeNew) options.push({ value: NEW_VALUE, label: { zh: '新建（本机构自行调解）', en: 'New (our own mediation)' } });
      return (
        <Leaf ctx={ctx} path={path} label={label} optional={optional}>
          {(props) => (
            <select {...props} value={isNew ? NEW_VALUE : text} onChange={(e) => ctx.set(path, e.target.value === NEW_VALUE ? newId() : e.target.value)}>
              <option value="">{t('请选择…', 'Choose…')}</option>
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {t(o.label)}
                </option>
              ))}
            </select>
          )}
        </Leaf>
      );
    }
    case 'enum': {
      const labels = enumLabels(node.values);
      const options = offered
        ? offered.map((c) => ({ value: c.value, label: labels[c.value] ?? choiceLabel(c) }))
        : node.values.map((v) => ({ value: v, label: labels[v] ?? { zh: v, en: v } }));
      return <Select ctx={ctx} path={path} label={label} optional={optional} value={text} options={options} />;
    }
    case 'text':
      if (offered) {
        return (
          <Select
            ctx={ctx}
            path={path}
            label={label}
            optional={optional}
            value={text}
            options={offered.map((c) => ({ value: c.value, label: choiceLabel(c) }))}
          />
        );
      }
      return (
        <Leaf ctx={ctx} path={path} label={label} optional={optional}>
          {(props) =>
            (node.max ?? 0) >= 1000 ? (
              <textarea {...props} value={text} maxLength={node.max ?? undefined} rows={3} onChange={(e) => ctx.set(path, e.target.value)} />
            ) : (
              <input {...props} type="text" value={text} maxLength={node.max ?? undefined} onChange={(e) => ctx.set(path, e.target.value)} />
            )
          }
        </Leaf>
      );
    case 'datetime':
    case 'date':
      return (
        <Leaf ctx={ctx} path={path} label={label} optional={optional} hint={node.kind === 'datetime' ? HINTS.datetime : undefined}>
          {(props) => <input {...props} type="date" value={text} min="1900-01-01" max="2199-12-31" onChange={(e) => ctx.set(path, e.target.value)} />}
        </Leaf>
      );
    case 'money':
      return (
        <Leaf ctx={ctx} path={path} label={label} optional={optional} hint={HINTS.money}>
          {(props) => <input {...props} type="text" inputMode="decimal" className="number" value={text} onChange={(e) => ctx.set(path, e.target.value)} />}
        </Leaf>
      );
    case 'integer':
      return (
        <Leaf ctx={ctx} path={path} label={label} optional={optional}>
          {(props) => <input {...props} type="text" inputMode="numeric" className="number" value={text} onChange={(e) => ctx.set(path, e.target.value)} />}
        </Leaf>
      );
    case 'boolean': {
      const id = fieldId(ctx, path);
      return (
        <div className="field field-check">
          <label htmlFor={id}>
            <input id={id} type="checkbox" checked={draft === true} onChange={(e) => ctx.set(path, e.target.checked)} {...described(ctx, path, false)} />
            <span>{t(label)}</span>
          </label>
          <FieldError ctx={ctx} path={path} />
        </div>
      );
    }
    case 'array':
      if (isPickList(node, offered)) {
        const options = offered
          ? offered.map((c) => ({ value: c.value, label: choiceLabel(c) }))
          : node.element.kind === 'enum'
            ? Object.entries(enumLabels(node.element.values)).map(([value, l]) => ({ value, label: l }))
            : [];
        return (
          <PickList
            ctx={ctx}
            path={path}
            label={label}
            optional={optional || node.min === 0}
            picked={Array.isArray(draft) ? (draft as string[]) : []}
            options={options}
          />
        );
      }
      if (node.element.kind === 'object' || node.element.kind === 'union') {
        return <ItemList ctx={ctx} path={path} name={field.name} label={label} node={node} items={Array.isArray(draft) ? (draft as Draft[]) : []} />;
      }
      return (
        <Leaf ctx={ctx} path={path} label={label} optional={optional || node.min === 0} hint={HINTS.lines}>
          {(props) => <textarea {...props} value={text} rows={3} onChange={(e) => ctx.set(path, e.target.value)} />}
        </Leaf>
      );
    case 'object':
      return (
        <fieldset className="subform" aria-describedby={ctx.issues.has(keyOf(path)) ? errorId(ctx, path) : undefined}>
          <legend>{t(label)}</legend>
          <ObjectFields node={node} draft={draft} path={path} parent={field.name} ctx={ctx} />
          <FieldError ctx={ctx} path={path} />
        </fieldset>
      );
    case 'union':
      return (
        <fieldset className="subform">
          <legend>{t(label)}</legend>
          <UnionFields node={node} draft={draft} path={path} parent={field.name} ctx={ctx} />
          <FieldError ctx={ctx} path={path} />
        </fieldset>
      );
    default:
      return null;
  }
}

export function ObjectFields({
  node,
  draft,
  path,
  parent,
  ctx,
}: {
  node: ObjectNode;
  draft: Draft;
  path: Path;
  parent?: string | undefined;
  ctx: FieldContext;
}) {
  const source = (typeof draft === 'object' && !Array.isArray(draft) ? draft : {}) as DraftObject;
  return (
    <>
      {node.fields.map((f) => (
        <FieldView key={f.name} field={f} draft={source[f.name] ?? ''} path={[...path, f.name]} parent={parent} ctx={ctx} />
      ))}
    </>
  );
}

/** A discriminated union: choose the kind, then its fields (a party: enterprise or agency; a decision: extend, escalate, close). */
export function UnionFields({ node, draft, path, parent, ctx }: { node: UnionNode; draft: Draft; path: Path; parent?: string | undefined; ctx: FieldContext }) {
  const source = (typeof draft === 'object' && !Array.isArray(draft) ? draft : {}) as DraftObject;
  const chosen = String(source[node.discriminator] ?? '');
  const option = node.options.find((o) => o.value === chosen);
  const labels = enumLabels(node.options.map((o) => o.value));
  const tagPath = [...path, node.discriminator];
  const { t } = useI18n();
  const id = fieldId(ctx, tagPath);
  return (
    <>
      <div className="field">
        <label htmlFor={id}>{t(fieldLabel(node.discriminator, { command: ctx.command, ...(parent ? { parent } : {}) }))}</label>
        <select
          id={id}
          value={chosen}
          {...described(ctx, tagPath, false)}
          onChange={(e) => {
            // Keep what both kinds share (a name), start the rest afresh.
            const next: Record<string, Draft> = { ...initialUnionOption(node, e.target.value, ctx.choices, path) };
            for (const key of Object.keys(next))
              if (key !== node.discriminator && source[key] !== undefined && typeof source[key] === typeof next[key]) next[key] = source[key]!;
            ctx.set(path, next);
          }}
        >
          {node.options.map((o) => (
            <option key={o.value} value={o.value}>
              {t(labels[o.value] ?? { zh: o.value, en: o.value })}
            </option>
          ))}
        </select>
        <FieldError ctx={ctx} path={tagPath} />
      </div>
      {option ? <ObjectFields node={option.node} draft={source} path={path} parent={parent} ctx={ctx} /> : null}
    </>
  );
}

function PickList({
  ctx,
  path,
  label,
  optional,
  picked,
  options,
}: {
  ctx: FieldContext;
  path: Path;
  label: Label;
  optional: boolean;
  picked: readonly string[];
  options: readonly { value: string; label: Label }[];
}) {
  const { t } = useI18n();
  const invalid = ctx.issues.has(keyOf(path));
  return (
    <fieldset className="subform pick-list" aria-describedby={invalid ? errorId(ctx, path) : undefined} aria-invalid={invalid || undefined}>
      <legend>
        <LabelText label={label} optional={optional} />
      </legend>
      {options.length === 0 ? <p className="muted">{t('没有可选项', 'Nothing to choose from')}</p> : null}
      <div className="pick-options">
        {options.map((o) => (
          <label key={o.value} className="pick-option">
            <input
              type="checkbox"
              checked={picked.includes(o.value)}
              onChange={(e) => ctx.set(path, e.target.checked ? [...picked, o.value] : picked.filter((v) => v !== o.value))}
            />
            <span>{t(o.label)}</span>
          </label>
        ))}
      </div>
      <FieldError ctx={ctx} path={path} />
    </fieldset>
  );
}

/** A list of small records (employers, rectification items, follow-up results): add and remove rows. */
function ItemList({
  ctx,
  path,
  name,
  label,
  node,
  items,
}: {
  ctx: FieldContext;
  path: Path;
  name: string;
  label: Label;
  node: Extract<FieldNode, { kind: 'array' }>;
  items: readonly Draft[];
}) {
  const { t } = useI18n();
  const element = node.element;
  const canAdd = node.max === null || items.length < node.max;
  const invalid = ctx.issues.has(keyOf(path));
  return (
    <fieldset className="subform item-list" aria-describedby={invalid ? errorId(ctx, path) : undefined}>
      <legend>{t(label)}</legend>
      {items.length === 0 ? <p className="muted">{t('尚未添加', 'None yet')}</p> : null}
      {items.map((item, i) => {
        const itemPath = [...path, i];
        const n = i + 1;
        return (
          <fieldset key={i} className="subform item">
            <legend>{t(`${label.zh}第 ${n} 项`, `${label.en}: item ${n}`)}</legend>
            {element.kind === 'object' ? <ObjectFields node={element} draft={item} path={itemPath} parent={name} ctx={ctx} /> : null}
            {element.kind === 'union' ? <UnionFields node={element} draft={item} path={itemPath} parent={name} ctx={ctx} /> : null}
            {items.length > node.min ? (
              <button
                type="button"
                className="link-button"
                onClick={() =>
                  ctx.set(
                    path,
                    items.filter((_, j) => j !== i),
                  )
                }
              >
                {t(`删除${label.zh}第 ${n} 项`, `Remove ${label.en.toLowerCase()} item ${n}`)}
              </button>
            ) : null}
          </fieldset>
        );
      })}
      {canAdd ? (
        <button
          type="button"
          onClick={() => {
            const at = [...path, items.length];
            ctx.set(path, [...items, prefilled(initialDraft(element, { optional: false }, ctx.choices, at), ctx.prefill, at)]);
          }}
        >
          {t(`添加${label.zh}`, `Add ${label.en.toLowerCase()}`)}
        </button>
      ) : null}
      <FieldError ctx={ctx} path={path} />
    </fieldset>
  );
}
