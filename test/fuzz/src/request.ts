/**
 * One HTTP request per fuzz case, generated from an operation of a service's /openapi.json: the
 * path, query and body the schema describes, then spoiled (mutate.ts, hostile.ts), sent with the
 * credentials of the right agency, another agency, nobody, or a forged token.
 */
import fc from 'fast-check';
import type { AgencyId, Role } from '@hub/contracts';
import { malformedBody, oddPathSegment, oddString, wrongValue } from './hostile.js';
import { mutate, mutation } from './mutate.js';
import { componentsOf, valueOf, type Schema } from './schema.js';
import type { ServiceName } from './system.js';

export interface Operation {
  service: ServiceName;
  method: string;
  /** OpenAPI style: /api/cases/{caseId}. */
  path: string;
  parameters: Schema[];
  body?: Schema;
}

export function operationsOf(service: ServiceName, document: Schema): Operation[] {
  const components = componentsOf(document);
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries<Schema>(document['paths'])) {
    for (const [method, op] of Object.entries<Schema>(methods)) {
      let body = op['requestBody']?.['content']?.['application/json']?.['schema'] as Schema | undefined;
      if (body?.['$ref']) body = components.resolve(body['$ref']);
      out.push({ service, method: method.toUpperCase(), path, parameters: op['parameters'] ?? [], ...(body ? { body } : {}) });
    }
  }
  return out;
}

export type Credentials =
  | { kind: 'own'; role: Role }
  | { kind: 'other-agency'; agency: AgencyId; role: Role }
  | { kind: 'none' }
  | { kind: 'forged'; header: string };

export interface FuzzRequest {
  method: string;
  /** Path and query, already encoded. */
  url: string;
  credentials: Credentials;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

/** Ids the system knows (cases, meetings), so some requests reach a real record. */
export interface KnownIds {
  caseId: readonly string[];
  meetingId: readonly string[];
  warningId: readonly string[];
}

const roles: readonly Role[] = ['liaison', 'auditor', 'secretary', 'admin'];
const agencies: readonly AgencyId[] = ['union', 'procuratorate', 'hr_bureau', 'court'];

const credentials = (service: ServiceName): fc.Arbitrary<Credentials> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...roles).map((role): Credentials => ({ kind: 'own', role })) },
    {
      weight: 2,
      arbitrary: fc
        .record({ agency: fc.constantFrom(...agencies.filter((a) => a !== service)), role: fc.constantFrom(...roles) })
        .map(({ agency, role }): Credentials => ({ kind: 'other-agency', agency, role })),
    },
    { weight: 1, arbitrary: fc.constant<Credentials>({ kind: 'none' }) },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          fc.constantFrom(
            'Bearer',
            'Bearer ',
            'Bearer a.b.c',
            'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
            'ApiKey hub_union_x',
            'ApiKey ',
            'Basic Og==',
            'bearer  x',
          ),
          fc.string({ maxLength: 60 }).map((s) => `Bearer ${s}`),
          fc.constantFrom(8_000, 20_000).map((n) => `Bearer ${'a'.repeat(n)}`),
        )
        .map((header): Credentials => ({ kind: 'forged', header })),
    },
  );

const headerValue = fc.oneof(fc.string({ maxLength: 30 }), oddString);

function segment(name: string, schema: Schema, known: KnownIds, components: ReturnType<typeof componentsOf>): fc.Arbitrary<string> {
  const ids = (known as unknown as Record<string, readonly string[]>)[name] ?? [];
  return fc
    .oneof(
      { weight: ids.length > 0 ? 5 : 0, arbitrary: ids.length > 0 ? fc.constantFrom(...ids) : fc.constant('') },
      { weight: 2, arbitrary: valueOf(schema, components).map((v) => encodeURIComponent(String(v))) },
      { weight: 3, arbitrary: oddPathSegment.map((s) => s.raw) },
    )
    .filter((s) => s.length > 0);
}

/** A value for a query parameter: what the schema says, or anything at all, as text. */
function queryValue(schema: Schema, components: ReturnType<typeof componentsOf>): fc.Arbitrary<string | string[]> {
  const text = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
  return fc.oneof(
    { weight: 3, arbitrary: valueOf(schema, components).map(text) },
    { weight: 3, arbitrary: wrongValue.map(text) },
    { weight: 1, arbitrary: fc.array(oddString, { minLength: 2, maxLength: 3 }) },
  );
}

/** Which part of a request is spoiled; the others stay as the schema wants, so the spoiled part is what gets checked. */
type Focus = 'path' | 'query' | 'body' | 'headers' | 'credentials' | 'everything';
const foci: readonly Focus[] = ['path', 'query', 'query', 'body', 'body', 'headers', 'credentials', 'everything'];

export function requestsOf(op: Operation, document: Schema, known: KnownIds): fc.Arbitrary<FuzzRequest> {
  const components = componentsOf(document);
  const pathParams = op.parameters.filter((p) => p['in'] === 'path');
  const queryParams = op.parameters.filter((p) => p['in'] === 'query');
  const clean = (v: string) => v.replace(/[\ud800-\udfff]/g, '\ufffd');
  const text = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

  const pathOf = (hostile: boolean) =>
    fc
      .tuple(
        ...pathParams.map((p) => {
          const ids = (known as unknown as Record<string, readonly string[]>)[p['name']] ?? [];
          const valid = ids.length > 0 ? fc.constantFrom(...ids) : valueOf(p['schema'] ?? {}, components).map((v) => encodeURIComponent(String(v)));
          return hostile ? segment(p['name'], p['schema'] ?? {}, known, components) : valid;
        }),
      )
      .map((values) => pathParams.reduce((url, p, i) => url.replace(`{${p['name']}}`, values[i]!), op.path));

  const queryOf = (hostile: boolean) =>
    fc
      .tuple(
        fc.tuple(
          ...queryParams.map((p) => {
            const valid = valueOf(p['schema'] ?? {}, components).map(text);
            // A required parameter is always there when the query is not the focus.
            return hostile ? fc.option(queryValue(p['schema'] ?? {}, components), { freq: 4 }) : p['required'] ? valid : fc.option(valid, { freq: 2 });
          }),
        ),
        hostile ? fc.array(fc.tuple(oddString, oddString), { maxLength: 2 }) : fc.constant([] as [string, string][]),
      )
      .map(([values, extra]) => {
        const search = new URLSearchParams();
        queryParams.forEach((p, i) => {
          const v = values[i];
          for (const one of v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]) search.append(p['name'], clean(one));
        });
        for (const [k, v] of extra) search.append(clean(k), clean(v));
        const query = search.toString();
        return query ? `?${query}` : '';
      });

  const schemaBody = op.body ? valueOf(op.body, components) : fc.constant(undefined);
  const bodyOf = (hostile: boolean): fc.Arbitrary<string | Uint8Array | undefined> =>
    hostile
      ? fc.oneof(
          {
            weight: op.body ? 8 : 1,
            arbitrary: schemaBody
              .chain((valid) => fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms) => mutate(valid ?? {}, ms)))
              .map((v) => (v === undefined ? undefined : JSON.stringify(v))),
          },
          { weight: 3, arbitrary: malformedBody },
          { weight: 1, arbitrary: fc.constant(undefined) },
        )
      : schemaBody.map((v) => (v === undefined ? undefined : JSON.stringify(v)));

  const headersOf = (hostile: boolean) =>
    hostile
      ? fc.record(
          {
            'content-type': fc.constantFrom(
              'application/json',
              'text/plain',
              'application/x-www-form-urlencoded',
              'application/json; charset=latin1',
              'application/json; charset=utf-16',
              'multipart/form-data; boundary=x',
              '',
            ),
            'idempotency-key': headerValue,
            'x-request-id': headerValue,
            accept: fc.constantFrom('*/*', 'text/html', 'application/xml', ''),
          },
          { requiredKeys: [] },
        )
      : fc.constant({ 'content-type': 'application/json' } as Record<string, string>);

  const credentialsOf = (hostile: boolean) =>
    hostile ? credentials(op.service) : fc.constantFrom(...roles).map((role): Credentials => ({ kind: 'own', role }));

  return fc
    .constantFrom(...foci)
    .chain((focus) => {
      const hostile = (part: Focus) => focus === part || focus === 'everything';
      return fc.record({
        path: pathOf(hostile('path')),
        query: queryOf(hostile('query')),
        body: bodyOf(hostile('body')),
        headers: headersOf(hostile('headers')),
        credentials: credentialsOf(hostile('credentials')),
      });
    })
    .map(({ path, query, body, headers, credentials }) => {
      const sent = { ...headers };
      if (body === undefined) delete sent['content-type'];
      return { method: op.method, url: path + query, credentials, headers: sent, ...(body !== undefined ? { body } : {}) };
    });
}

/** The request in a line or two for a failure message (long values cut). */
export function describeRequest(service: ServiceName, r: FuzzRequest): string {
  const cut = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}…(${s.length} chars)` : s);
  const body = r.body === undefined ? '' : typeof r.body === 'string' ? ` body=${JSON.stringify(cut(r.body))}` : ` body=bytes[${[...r.body].join(',')}]`;
  return `${service} ${r.method} ${cut(r.url)} as ${JSON.stringify(r.credentials).slice(0, 120)} headers=${cut(JSON.stringify(r.headers))}${body}`;
}
