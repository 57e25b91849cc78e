import { commandCatalog, commandDefinitions, commandNames, withOccurredAt, type AgencyId, type CommandName } from '@hub/contracts';
import { AUTH_ROUTES, buildOpenApiDocument, SECURITY_LOG_ROUTES, type RouteDescription } from '@hub/service-kit';
import { z } from 'zod';
import { idempotencyHeaders, idempotentResponses } from './idempotency-openapi.js';
import { documentRouteDocs } from './documents/openapi.js';
import { meetingRouteDocs } from './meetings/openapi.js';
import { warningRouteDocs } from './warnings/openapi.js';
import { repairRouteDocs } from './repair/routes.js';
import { letterRouteDocs } from './letters/routes.js';
import { handlerRouteDocs } from './handlers/openapi.js';
import { inboxQuery } from './inbox.js';

const CommandResult = z
  .object({
    caseId: z.uuid(),
    revision: z.string().describe('the case stream revision after the append (decimal)'),
    position: z.string().describe('global position of the last event appended (decimal)'),
    events: z.array(z.string()),
  })
  .meta({ id: 'CommandResult' });

const OpenedCaseResult = CommandResult.extend({
  caseNumber: z
    .string()
    .describe('案号: the number people read, issued by the agency’s register (e.g. 〔2026〕浙0106工维字第12号); caseId stays the machine id'),
}).meta({ id: 'OpenedCaseResult' });

const label = z.object({ zh: z.string(), en: z.string() });

const AvailableCommands = z
  .object({
    caseId: z.uuid(),
    revision: z.string().describe('the case stream revision the list was computed at (decimal)'),
    commands: z.array(
      z.object({
        name: z.enum(commandNames as [CommandName, ...CommandName[]]),
        path: z.string().describe('POST /api/cases/{caseId}/{path} gives it'),
        label,
        choices: z
          .record(z.string(), z.array(z.object({ value: z.string(), label })))
          .describe('input field (a dotted path for a nested one) → the only values it may take on this case now'),
        ruleSet: z
          .array(
            z.object({
              field: z.string(),
              when: z.record(z.string(), z.union([z.string(), z.boolean()])).describe("the input's other fields hold these values"),
              value: z.iso.datetime().describe('what the rules set it to (UTC)'),
              label: label.describe('the value in words, Beijing day'),
              ruleId: z.string(),
            }),
          )
          .optional()
          .describe('fields the rules set (a 检察建议’s reply deadline): the form offers no input for them, and the command is refused when one is given'),
        prefill: z
          .record(z.string(), z.object({ kind: z.enum(['enterprise', 'agency']), name: z.string(), uscc: z.string().optional() }))
          .optional()
          .describe('values the case already knows, keyed like choices, to start the form with (the employer as addressee, as 责任单位)'),
      }),
    ),
  })
  .meta({ id: 'AvailableCommands' });

const caseParams = z.object({ caseId: z.uuid() });

const RevealedWorker = z
  .object({
    caseId: z.uuid(),
    worker: z.object({
      workerId: z.string(),
      masked: z.literal(false),
      erased: z.literal(false),
      revealed: z.literal(true),
      name: z.string(),
      idNumber: z.string().optional(),
      phone: z.string().optional(),
    }),
    fields: z.array(z.enum(['name', 'idNumber', 'phone'])).describe('the fields shown in the clear, as the access-log entry names them'),
  })
  .meta({ id: 'RevealedWorker' });

/** Business time (issue 13.4), the same for every command. */
const OCCURRED_AT_NOTE =
  '`occurredAt` (optional, ISO-8601 with an offset, stored in UTC; default: now) says when the act happened, for an act recorded later (补录): ' +
  'deadlines run from it. Refused with 400 (`ruleId` T1.future, T1.before-opened, T1.before-answered) when it is later than now beyond the ' +
  'allowed clock skew (OCCURRED_AT_MAX_SKEW_SECONDS), before the case was opened, or before the act it answers. An act sent with an API key ' +
  'is marked as a machine act (`metadata.actor.via: api_key`).';
const auth = ['session', 'apiKey'] as const;
const problems = {
  400: { description: 'Invalid body (zod issues in `errors`); nothing written' },
  401: { description: 'Not logged in' },
  403: { description: 'Role missing, or not this agency’s act (rule 1, `ruleId: R1`)' },
  409: { description: 'A rule refused it (`ruleId`), or a concurrent change (`ruleId: concurrency`)' },
};

/** Every route of an agency service, with the catalog's zod schemas as the request bodies. */
export function agencyOpenApi(agency: AgencyId, title: string): object {
  const commands: RouteDescription[] = commandDefinitions
    .filter((c) => c.name !== 'OpenCase')
    .map((c) => ({
      method: 'post',
      path: `/api/cases/:caseId/${c.path}`,
      params: caseParams,
      operationId: c.name,
      summary: `${c.label.zh} (${c.label.en})`,
      description: `Issued by: ${c.issuedBy.join(', ')}; roles: ${c.roles.join(', ')}; appends ${c.yields.join(', ')}. ${OCCURRED_AT_NOTE}`,
      tags: ['commands'],
      request: withOccurredAt(c.input),
      security: auth,
      headers: idempotencyHeaders,
      responses: idempotentResponses({ 200: { description: 'Appended and signed', schema: CommandResult }, ...problems, 404: { description: 'No such case' } }),
    }));
  const routes: RouteDescription[] = [
    ...AUTH_ROUTES,
    ...SECURITY_LOG_ROUTES,
    {
      method: 'post',
      path: '/api/cases',
      operationId: 'OpenCase',
      summary: `${commandCatalog.OpenCase.label.zh} (${commandCatalog.OpenCase.label.en})`,
      description:
        'Workers are posted in the clear and stored encrypted with this agency’s vault; the service assigns the caseId ' +
        '(derived from the Idempotency-Key when one is sent, so every retry names the same case) and its 案号 `caseNumber` ' +
        `from its register (per agency and year, no gaps: docs/case-numbers.md). ${OCCURRED_AT_NOTE}`,
      tags: ['commands'],
      request: withOccurredAt(commandCatalog.OpenCase.input),
      security: auth,
      headers: idempotencyHeaders,
      responses: idempotentResponses({ 201: { description: 'Opened and numbered', schema: OpenedCaseResult }, ...problems }),
    },
    ...commands,
    {
      method: 'get',
      path: '/api/cases/:caseId',
      params: caseParams,
      summary: '案件详情 (Case state, open deadlines, workers)',
      description:
        'Workers as the reader may see them: for the handling agency’s users the name, with the ID number and phone masked ' +
        '(`revealed: false`; POST …/workers/{workerId}/reveal shows them); `***` for other agencies; `erased: true` and nothing once erased.',
      tags: ['cases'],
      security: auth,
      responses: {
        200: { description: 'The folded case state' },
        403: { description: 'Your agency takes no part in the case' },
        404: { description: 'No such case' },
      },
    },
    {
      method: 'post',
      path: '/api/cases/:caseId/workers/:workerId/reveal',
      params: z.object({ caseId: z.uuid(), workerId: z.string() }),
      operationId: 'RevealWorker',
      summary: '显示职工个人信息 (Reveal a worker’s ID number and phone)',
      description:
        'The case view answers the handling agency’s users a worker’s name with the ID number and phone masked (`revealed: false`); ' +
        'this answers them in the clear for one worker, for a person who asked, and writes an entry to the agency’s access log ' +
        '(`action: reveal_personal_data`, the user, the time, `detail: {workers: [workerId], fields}`). POST because every call is an ' +
        'auditable act: no body, nothing appended to the store, never cached (`Cache-Control: no-store`). Any role of the agency that ' +
        'holds the worker’s vault key (the one that opened the case) may ask, as for the case view.',
      tags: ['cases'],
      security: auth,
      responses: {
        200: { description: 'The worker in the clear; the access log has the reveal', schema: RevealedWorker },
        401: { description: 'Not logged in' },
        403: { description: 'Your agency reads the case but does not hold the worker’s key (only the agency that opened the case does)' },
        404: { description: 'No such case, not yours to read, or no such worker in it (alike)' },
        410: { description: 'The worker’s personal data was erased on request (`worker-erased`): nothing can be shown again' },
      },
    },
    {
      method: 'get',
      path: '/api/cases/:caseId/commands',
      params: caseParams,
      operationId: 'AvailableCommands',
      summary: '可办理的操作 (Commands you may give on this case now)',
      tags: ['cases'],
      security: auth,
      description:
        'For the signed-in user: the commands this agency and the user’s roles may give on the case in its current state, ' +
        'each with the values its reference fields may take (`choices`). The decider still refuses an input that breaks a rule.',
      responses: {
        200: { description: 'The available commands', schema: AvailableCommands },
        403: { description: 'Your agency takes no part in the case' },
        404: { description: 'No such case' },
      },
    },
    {
      method: 'get',
      path: '/api/inbox',
      summary: '待办 (Leads, deadlines and cases of this agency)',
      description:
        '`mine` holds 我的案件 and 我的期限: the cases the signed-in person handles (承办人) and the agency’s deadlines on them. ' +
        '`leads` (the leads sent to this agency) are filtered, sorted and paged in SQL by the query (leadStatus, leadDeadline, sender, transferredFrom/transferredTo, leadSort, leadDir, leadLimit, leadOffset); `leadsTotal` is how many match. `parts` (e.g. `leads,mine`) leaves the other parts empty. An unknown parameter is refused.',
      tags: ['inbox'],
      security: auth,
      query: inboxQuery,
      responses: { 200: { description: 'The inbox' }, 400: { description: 'A parameter unknown or out of range, or transferredFrom after transferredTo' } },
    },
    ...handlerRouteDocs,
    ...documentRouteDocs,
    ...meetingRouteDocs,
    ...warningRouteDocs,
    ...repairRouteDocs,
    ...letterRouteDocs,
  ];
  return buildOpenApiDocument({ title, version: '0.1.0', description: `Agency service: ${agency}` }, routes);
}
