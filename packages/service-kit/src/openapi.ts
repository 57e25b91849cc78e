import { z } from 'zod';

type Json = Record<string, unknown>;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One route as a service declares it: the same zod schemas it validates with become its documentation. */
export interface RouteDescription {
  method: Method;
  /** Express style: `/api/cases/:caseId`. */
  path: string;
  summary: string;
  description?: string;
  operationId?: string;
  tags?: readonly string[];
  /** Path parameters; when absent each `:name` is documented as a plain string. */
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** Request headers the route reads (an `Idempotency-Key`…). */
  headers?: ReadonlyArray<{ name: string; description: string; required?: boolean; schema: z.ZodType }>;
  /** The JSON request body. */
  request?: z.ZodType;
  /** `headers`: response headers the answer may carry. */
  responses: Record<string, { description: string; schema?: z.ZodType; headers?: Record<string, { description: string; schema: z.ZodType }> }>;
  /** Accepted credentials; absent or empty means the route is public. */
  security?: ReadonlyArray<'session' | 'apiKey'>;
}

export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
  servers?: ReadonlyArray<{ url: string; description?: string }>;
}

const PROBLEM_SCHEMA: Json = {
  type: 'object',
  description: 'RFC 7807 problem document; `detail` in zh-CN, `detailEn` in English',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    detailEn: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    ruleId: { type: 'string', description: 'on 409: the rule that refused the request' },
    errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } }, required: ['path', 'message'] } },
  },
  required: ['type', 'title', 'status', 'detail'],
};

const DEFS_REF = '#/$defs/';
const COMPONENTS_REF = '#/components/schemas/';

function rewriteRefs(node: unknown, names: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, names));
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith(DEFS_REF)) {
      const name = value.slice(DEFS_REF.length);
      out[key] = COMPONENTS_REF + (names.get(name) ?? name);
    } else {
      out[key] = rewriteRefs(value, names);
    }
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Converts zod schemas with z.toJSONSchema and gathers every schema that carries an id
 * (`.meta({ id })`) into components. A request and a response may see the same id differently
 * (defaults make a field optional on input, required on output): the second shape gets a suffix.
 */
class SchemaCollector {
  readonly components: Record<string, Json> = { Problem: PROBLEM_SCHEMA };

  convert(schema: z.ZodType, io: 'input' | 'output'): Json {
    const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
    const { $schema: _dialect, $defs, ...root } = json;
    const defs = ($defs ?? {}) as Record<string, Json>;
    const names = new Map<string, string>();
    for (const name of Object.keys(defs)) names.set(name, this.freeName(name, io, defs, names));
    for (const [name, def] of Object.entries(defs)) {
      const finalName = names.get(name)!;
      this.components[finalName] ??= rewriteRefs(def, names) as Json;
    }
    return rewriteRefs(root, names) as Json;
  }

  private freeName(name: string, io: 'input' | 'output', defs: Record<string, Json>, names: Map<string, string>): string {
    const candidates = [name, `${name}${io === 'input' ? 'Input' : 'Output'}`];
    for (let i = 2; candidates.length < 20; i++) candidates.push(`${name}${i}`);
    for (const candidate of candidates) {
      const existing = this.components[candidate];
      // Compare with this conversion's refs resolved as if the candidate were chosen.
      const trial = new Map(names).set(name, candidate);
      if (existing === undefined || same(existing, rewriteRefs(defs[name], trial))) return candidate;
    }
    throw new Error(`openapi: too many different shapes for schema id "${name}"`);
  }
}

function parameters(route: RouteDescription, collector: SchemaCollector): Json[] {
  const out: Json[] = [];
  const pathNames = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
  const paramShape = route.params?.shape ?? {};
  for (const name of pathNames) {
    const schema = paramShape[name] as z.ZodType | undefined;
    out.push({ name, in: 'path', required: true, schema: schema ? collector.convert(schema, 'input') : { type: 'string' } });
  }
  for (const [name, schema] of Object.entries(route.query?.shape ?? {})) {
    const s = schema as z.ZodType;
    out.push({ name, in: 'query', required: !s.safeParse(undefined).success, schema: collector.convert(s, 'input') });
  }
  for (const header of route.headers ?? []) {
    out.push({
      name: header.name,
      in: 'header',
      required: header.required ?? false,
      description: header.description,
      schema: collector.convert(header.schema, 'input'),
    });
  }
  return out;
}

function operation(route: RouteDescription, collector: SchemaCollector): Json {
  const op: Json = {
    operationId: route.operationId ?? `${route.method}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: route.summary,
  };
  if (route.description) op['description'] = route.description;
  if (route.tags?.length) op['tags'] = [...route.tags];
  const params = parameters(route, collector);
  if (params.length) op['parameters'] = params;
  if (route.request) {
    op['requestBody'] = { required: true, content: { 'application/json': { schema: collector.convert(route.request, 'input') } } };
  }
  const responses: Json = {};
  for (const [status, response] of Object.entries(route.responses)) {
    const isProblem = /^[45]/.test(status);
    responses[status] = {
      description: response.description,
      ...(response.headers
        ? {
            headers: Object.fromEntries(
              Object.entries(response.headers).map(([name, h]) => [name, { description: h.description, schema: collector.convert(h.schema, 'output') }]),
            ),
          }
        : {}),
      ...(response.schema
        ? { content: { 'application/json': { schema: collector.convert(response.schema, 'output') } } }
        : isProblem
          ? { content: { 'application/problem+json': { schema: { $ref: `${COMPONENTS_REF}Problem` } } } }
          : {}),
    };
  }
  responses['default'] ??= { description: 'Problem (RFC 7807)', content: { 'application/problem+json': { schema: { $ref: `${COMPONENTS_REF}Problem` } } } };
  op['responses'] = responses;
  op['security'] = (route.security ?? []).map((scheme) => ({ [scheme]: [] }));
  return op;
}

/** An OpenAPI 3.1 document for the given routes, to serve at GET /openapi.json. */
export function buildOpenApiDocument(info: OpenApiInfo, routes: readonly RouteDescription[]): Json {
  const collector = new SchemaCollector();
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    paths[path] ??= {};
    const item = paths[path];
    if (item[route.method]) throw new Error(`openapi: ${route.method.toUpperCase()} ${route.path} is described twice`);
    item[route.method] = operation(route, collector);
  }
  return {
    openapi: '3.1.0',
    info: { title: info.title, version: info.version, ...(info.description ? { description: info.description } : {}) },
    ...(info.servers ? { servers: info.servers.map((s) => ({ ...s })) } : {}),
    paths,
    components: {
      schemas: collector.components,
      securitySchemes: {
        session: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A session token from POST /api/session (EdDSA-signed JWT)' },
        apiKey: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'For machine clients: `Authorization: ApiKey hub_<agency>_<key>`' },
      },
    },
  };
}
