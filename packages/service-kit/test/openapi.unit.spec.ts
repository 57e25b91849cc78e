import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AUTH_ROUTES, buildOpenApiDocument, type RouteDescription } from '../src/index.js';

const Worker = z.object({ count: z.number().int().min(1), note: z.string().default('') }).meta({ id: 'WorkerGroup' });
const OpenCase = z
  .object({
    category: z.enum(['wage_arrears', 'social_insurance']).describe('案件类别'),
    amountClaimedFen: z.number().int().nonnegative(),
    workers: Worker,
    region: z.string().length(6).optional(),
  })
  .meta({ id: 'OpenCaseRequest' });
const CaseView = z.object({ caseId: z.uuid(), workers: Worker });

const routes: RouteDescription[] = [
  {
    method: 'post',
    path: '/api/cases',
    summary: 'Open a case',
    tags: ['cases'],
    request: OpenCase,
    security: ['session', 'apiKey'],
    responses: { 201: { description: 'Opened', schema: CaseView }, 400: { description: 'Invalid' } },
  },
  {
    method: 'get',
    path: '/api/cases/:caseId',
    summary: 'Read a case',
    tags: ['cases'],
    security: ['session'],
    params: z.object({ caseId: z.uuid() }),
    query: z.object({ asOf: z.iso.datetime().optional() }),
    responses: { 200: { description: 'The case', schema: CaseView } },
  },
  ...AUTH_ROUTES,
];

describe('buildOpenApiDocument', () => {
  const doc = buildOpenApiDocument({ title: 'union', version: '1.0.0' }, routes) as Record<string, any>;

  it('is an OpenAPI 3.1 document with paths in OpenAPI template syntax', () => {
    expect(doc['openapi']).toBe('3.1.0');
    expect(doc['info']).toEqual({ title: 'union', version: '1.0.0' });
    expect(Object.keys(doc['paths'])).toEqual(expect.arrayContaining(['/api/cases', '/api/cases/{caseId}', '/api/session', '/api/admin/users']));
    expect(doc['paths']['/api/session']).toHaveProperty('post');
    expect(doc['paths']['/api/session']).toHaveProperty('delete');
  });

  it('puts named request schemas in components, with their required fields', () => {
    const op = doc['paths']['/api/cases']['post'];
    expect(op['requestBody']['content']['application/json']['schema']).toEqual({ $ref: '#/components/schemas/OpenCaseRequest' });
    const schema = doc['components']['schemas']['OpenCaseRequest'];
    expect(schema['type']).toBe('object');
    expect(schema['required']).toEqual(['category', 'amountClaimedFen', 'workers']);
    expect(schema['properties']['workers']).toEqual({ $ref: '#/components/schemas/WorkerGroup' });
    expect(schema['properties']['category']['description']).toBe('案件类别');
    expect(schema).not.toHaveProperty('$schema');
  });

  it('gives a schema seen differently on input and output a second name', () => {
    const input = doc['components']['schemas']['WorkerGroup'];
    const output = doc['components']['schemas']['WorkerGroupOutput'];
    expect(input['required']).toEqual(['count']);
    expect(output['required']).toEqual(['count', 'note']);
    const response = doc['paths']['/api/cases']['post']['responses']['201']['content']['application/json']['schema'];
    expect(response['properties']['workers']).toEqual({ $ref: '#/components/schemas/WorkerGroupOutput' });
  });

  it('documents parameters, security and problem responses', () => {
    const op = doc['paths']['/api/cases/{caseId}']['get'];
    expect(op['parameters']).toEqual([
      expect.objectContaining({ name: 'caseId', in: 'path', required: true, schema: expect.objectContaining({ format: 'uuid' }) }),
      expect.objectContaining({ name: 'asOf', in: 'query', required: false }),
    ]);
    expect(op['security']).toEqual([{ session: [] }]);
    expect(doc['paths']['/api/session']['post']['security']).toEqual([]);
    expect(op['responses']['default']['content']['application/problem+json']['schema']).toEqual({ $ref: '#/components/schemas/Problem' });
    expect(doc['paths']['/api/cases']['post']['responses']['400']['content']).toHaveProperty('application/problem+json');
    expect(doc['components']['securitySchemes']).toHaveProperty('session');
    expect(doc['components']['securitySchemes']).toHaveProperty('apiKey');
  });

  it('leaves no dangling reference', () => {
    const text = JSON.stringify(doc);
    for (const [, name] of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) {
      expect(doc['components']['schemas']).toHaveProperty(name!);
    }
    expect(text).not.toContain('#/$defs/');
  });

  it('refuses the same route described twice', () => {
    expect(() => buildOpenApiDocument({ title: 't', version: '1' }, [routes[0]!, routes[0]!])).toThrow(/described twice/);
  });
});
