import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AGENCY_VARIABLES, serviceDefaults } from '@hub/agency-service';
import { HUB_DEFAULT_PORT, HUB_VARIABLES, parseAgencyUrls } from '@hub/hub-service';
import { CONFIG_VARIABLES, sameServer } from '@hub/service-kit';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..', '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** The folder name of a service under services/ and the agency id the code knows it by. */
const AGENCY_OF: Record<string, Parameters<typeof serviceDefaults>[0]> = {
  union: 'union',
  procuratorate: 'procuratorate',
  'hr-bureau': 'hr_bureau',
  court: 'court',
};
const defaultPort = (name: string): number => (name === 'hub' ? HUB_DEFAULT_PORT : serviceDefaults(AGENCY_OF[name]!).port);
/** Variables a service reads besides CONFIG_VARIABLES. */
const OWN_VARIABLES: Record<string, readonly string[]> = { hub: HUB_VARIABLES };
/** Set by the Dockerfile or read by its CMD, not by the services' config. */
const IMAGE_VARIABLES = new Set(['SERVICE']);

interface ComposeService {
  environment?: Record<string, string>;
  depends_on?: unknown;
  ports?: string[];
  build?: { dockerfile?: string };
}

const composeFiles = readdirSync(join(root, 'infra/compose')).filter((f) => f.startsWith('services.') && f.endsWith('.yml'));

describe('infra/compose', () => {
  it('has a file per server engine, one more hub with nginx in front for PostgreSQL, and every service as replicas', () => {
    expect(composeFiles.sort()).toEqual(['services.esdb.yml', 'services.postgres.yml']);
    expect(readdirSync(join(root, 'infra/compose')).sort()).toEqual([
      'hubs.replicas.postgres.yml',
      'replicas.postgres.yml',
      'services.esdb.yml',
      'services.postgres.yml',
    ]);
  });

  for (const file of composeFiles) {
    const services = (parse(read(`infra/compose/${file}`), { merge: true }) as { services: Record<string, ComposeService> }).services;
    const built = Object.entries(services).filter(([, s]) => s.build?.dockerfile === 'infra/docker/Dockerfile');

    it(`${file}: runs the four agency services and the hub, each from services/<name> with its main`, () => {
      expect(built.map(([name]) => name).sort()).toEqual([...Object.keys(AGENCY_OF), 'hub'].sort());
      for (const [name, service] of built) {
        expect(service.environment?.['SERVICE']).toBe(name);
        expect(existsSync(join(root, 'services', name, 'src/main.ts'))).toBe(true);
      }
    });

    it(`${file}: gives each service the port the code defaults to, and publishes it`, () => {
      for (const [name, service] of built) {
        const port = String(defaultPort(name));
        expect(service.environment?.['PORT']).toBe(port);
        expect(service.ports).toEqual([`${port}:${port}`]);
      }
    });

    it(`${file}: sets only variables the services read`, () => {
      for (const [name, service] of built) {
        const known = new Set<string>([...CONFIG_VARIABLES, ...IMAGE_VARIABLES, ...(OWN_VARIABLES[name] ?? AGENCY_VARIABLES)]);
        for (const variable of Object.keys(service.environment ?? {})) expect(known, variable).toContain(variable);
      }
    });
  }
});

describe('infra/compose/hubs.replicas.postgres.yml and infra/nginx/hub.conf: two hubs behind nginx', () => {
  type Replicated = ComposeService & { volumes?: string[]; healthcheck?: { test?: string[] }; image?: string };
  const base = (parse(read('infra/compose/services.postgres.yml'), { merge: true }) as { services: Record<string, Replicated> }).services;
  const extra = (parse(read('infra/compose/hubs.replicas.postgres.yml'), { merge: true }) as { services: Record<string, Replicated> }).services;
  const nginx = read('infra/nginx/hub.conf');

  it('runs the second hub as the first, from the same image and settings, with read models on a volume of its own', () => {
    const first = base['hub']!;
    const second = extra['hub-2']!;
    expect(second.image).toBe('labor-hub:local');
    expect(second.environment).toEqual(first.environment);
    const dataVolume = (s: Replicated) => s.volumes?.find((v) => v.endsWith(':/data'))?.split(':')[0];
    expect(dataVolume(second)).toBeDefined();
    expect(dataVolume(second)).not.toBe(dataVolume(first));
    expect(second.volumes).toContain('trust:/trust');
  });

  it('checks both hubs’ /health, and starts nginx once both are healthy', () => {
    for (const name of ['hub', 'hub-2']) expect(extra[name]!.healthcheck?.test?.join(' ')).toContain('http://127.0.0.1:8080/health');
    expect(extra['nginx']!.depends_on).toEqual({ hub: { condition: 'service_healthy' }, 'hub-2': { condition: 'service_healthy' } });
  });

  it('balances over every hub, passes the live feed’s WebSocket upgrade, and retries a request on another hub when one fails', () => {
    const upstream = /upstream hubs \{([^}]*)\}/.exec(nginx)?.[1] ?? '';
    const servers = [...upstream.matchAll(/^\s*server (\S+):8080/gm)].map((m) => m[1]);
    expect(servers).toEqual(['hub', 'hub-2']);
    expect(nginx).toMatch(/location \/api\/live \{[^}]*proxy_set_header Upgrade \$http_upgrade;[^}]*proxy_set_header Connection \$connection_upgrade;/);
    expect(nginx).toMatch(/proxy_next_upstream error timeout/);
    // Longer than two of the feed's heartbeats (15 s each), so a quiet but live socket is never cut.
    expect(Number(/proxy_read_timeout (\d+)s/.exec(nginx)?.[1])).toBeGreaterThan(30);
  });
});

describe('infra/compose/replicas.postgres.yml and infra/nginx/replicas.conf: every service as two replicas behind nginx', () => {
  type Service = ComposeService & {
    image?: string;
    volumes?: string[];
    healthcheck?: { test?: string[] };
    depends_on?: Record<string, { condition: string }>;
  };
  // Ten replicas made from a few anchors count past the parser's default limit on aliases (100), meant for untrusted input.
  const services = (parse(read('infra/compose/replicas.postgres.yml'), { merge: true, maxAliasCount: -1 }) as { services: Record<string, Service> }).services;
  const nginx = read('infra/nginx/replicas.conf');
  const agencyNames = Object.keys(AGENCY_OF);
  const replicasOf = (name: string) =>
    Object.keys(services).filter((s) => new RegExp(`^${name}-\\d+$`).test(s) && services[s]!.environment?.['SERVICE'] === name);
  const dataVolume = (s: Service) => s.volumes?.find((v) => v.endsWith(':/data'))?.split(':')[0];
  const upstreams = new Map(
    [...nginx.matchAll(/upstream (\w+) \{([^}]*)\}/g)].map((m) => [m[1]!, [...m[2]!.matchAll(/^\s*server (\S+) /gm)].map((s) => s[1]!)]),
  );
  /** `listen <port>` → the upstream its `location /` passes to. */
  const listeners = new Map(
    [...nginx.matchAll(/server \{\s*listen (\d+);([\s\S]*?)\n\}/g)].map((m) => [
      Number(m[1]),
      /location \/ \{[^}]*proxy_pass http:\/\/(\w+);/.exec(m[2]!)?.[1],
    ]),
  );

  it('runs two replicas of each agency service and two hubs, from the one image, each with its own data volume', () => {
    for (const name of [...agencyNames, 'hub']) {
      const replicas = replicasOf(name);
      expect(replicas, name).toEqual([`${name}-1`, `${name}-2`]);
      for (const replica of replicas) {
        expect(services[replica]!.image).toBe('labor-hub:local');
        expect(services[replica]!.build?.dockerfile).toBe('infra/docker/Dockerfile');
        expect(services[replica]!.volumes).toContain('trust:/trust');
        expect(existsSync(join(root, 'services', name, 'src/main.ts'))).toBe(true);
      }
      const [first, second] = replicas.map((r) => services[r]!);
      expect(second!.environment, name).toEqual(first!.environment);
      expect(dataVolume(first!)).toBeDefined();
      expect(dataVolume(second!)).not.toBe(dataVolume(first!));
    }
    const built = Object.entries(services).filter(([, s]) => s.build);
    expect(built.map(([name]) => name).sort()).toEqual([...agencyNames, 'hub'].flatMap((n) => [`${n}-1`, `${n}-2`]).sort());
  });

  it('gives each replica the port the code defaults to, publishes none of them, and checks its /health there', () => {
    for (const name of [...agencyNames, 'hub'])
      for (const replica of replicasOf(name)) {
        const service = services[replica]!;
        expect(service.environment?.['PORT']).toBe(String(defaultPort(name)));
        expect(service.ports).toBeUndefined();
        expect(service.healthcheck?.test?.join(' ')).toContain("'http://127.0.0.1:'+process.env.PORT+'/health'");
      }
  });

  it('sets only variables the services read', () => {
    for (const name of [...agencyNames, 'hub'])
      for (const replica of replicasOf(name)) {
        const own = name === 'hub' ? HUB_VARIABLES : AGENCY_VARIABLES;
        const known = new Set<string>([...CONFIG_VARIABLES, ...IMAGE_VARIABLES, ...own]);
        for (const variable of Object.keys(services[replica]!.environment ?? {})) expect(known, `${replica}: ${variable}`).toContain(variable);
      }
  });

  it('puts every service on one store, and each agency on a database server of its own, apart from the store and from the other agencies', () => {
    const store = services['hub-1']!.environment?.['EVENT_STORE_URL'];
    expect(store).toMatch(/^postgres:\/\//);
    const agencyDbs: string[] = [];
    for (const name of agencyNames) {
      const env = services[`${name}-1`]!.environment!;
      expect(env['EVENT_STORE_URL']).toBe(store);
      const url = env['AGENCY_DB_URL'];
      expect(url, name).toMatch(/^postgres:\/\//);
      expect(sameServer(url!, store!), name).toBe(false);
      for (const other of agencyDbs) expect(sameServer(url!, other), name).toBe(false);
      agencyDbs.push(url!);
      // The server it names is a PostgreSQL of this file, with the user and database the URL names, that the replicas wait for.
      const parsed = new URL(url!);
      const server = services[parsed.hostname] as Service & { environment: Record<string, string> };
      expect(server?.image, name).toMatch(/^postgres:/);
      expect(server.environment['POSTGRES_USER']).toBe(parsed.username);
      expect(server.environment['POSTGRES_DB']).toBe(parsed.pathname.slice(1));
      expect(services[`${name}-1`]!.depends_on?.[parsed.hostname]).toEqual({ condition: 'service_healthy' });
      expect(
        server.volumes?.some((v) => v.endsWith(':/var/lib/postgresql/data')),
        name,
      ).toBe(true);
      // Both replicas seal and unseal with the same key, and agencies do not share one.
      expect(env['KEY_ENCRYPTION_KEY']).toMatch(new RegExp(`^\\$\\{${AGENCY_OF[name]!.toUpperCase()}_KEY_ENCRYPTION_KEY`));
      // Documents are shared by every agency (docs/documents.md).
      expect(env['DOCUMENT_STORE_URL']).toBe(services[`${agencyNames[0]}-1`]!.environment!['DOCUMENT_STORE_URL']);
    }
    const storeServer = services[new URL(store!).hostname];
    expect(storeServer?.image).toMatch(/^postgres:/);
  });

  it('has nginx balance each service over exactly its replicas, one port per service, the port the code defaults to', () => {
    for (const name of [...agencyNames, 'hub']) {
      const port = defaultPort(name);
      const upstream = listeners.get(port);
      expect(upstream, `listen ${port}`).toBeDefined();
      expect(upstreams.get(upstream!), name).toEqual(replicasOf(name).map((r) => `${r}:${port}`));
    }
    expect([...listeners.keys()].sort()).toEqual([...agencyNames, 'hub'].map(defaultPort).sort());
    expect(services['nginx']!.ports?.sort()).toEqual([...listeners.keys()].map((p) => `${p}:${p}`).sort());
    expect(services['nginx']!.volumes).toContain('../nginx/replicas.conf:/etc/nginx/conf.d/default.conf:ro');
  });

  it('starts nginx once every replica is healthy, and has the hubs reach each agency through it', () => {
    const replicas = [...agencyNames, 'hub'].flatMap(replicasOf);
    expect(services['nginx']!.depends_on).toEqual(Object.fromEntries(replicas.map((r) => [r, { condition: 'service_healthy' }])));
    const agencyUrls = parseAgencyUrls(services['hub-1']!.environment?.['AGENCY_URLS']);
    for (const name of agencyNames) expect(agencyUrls[AGENCY_OF[name]!], name).toBe(`http://nginx:${defaultPort(name)}`);
  });

  it('passes the live feed’s WebSocket upgrade, retries only on another replica what never got an answer, and takes a document of the largest default size', () => {
    expect(nginx).toMatch(/location \/api\/live \{[^}]*proxy_set_header Upgrade \$http_upgrade;[^}]*proxy_set_header Connection \$connection_upgrade;/);
    expect(nginx).toMatch(/proxy_next_upstream error timeout/);
    // A POST retried by nginx could run twice: the caller retries, with its Idempotency-Key.
    expect(nginx).not.toMatch(/^\s*proxy_next_upstream [^;]*non_idempotent/m);
    expect(Number(/proxy_read_timeout (\d+)s/.exec(nginx)?.[1])).toBeGreaterThan(30);
    // DOCUMENT_MAX_BYTES defaults to 20 MB (docs/documents.md), plus the multipart envelope.
    expect(Number(/client_max_body_size (\d+)m;/.exec(nginx)?.[1])).toBeGreaterThan(20);
    // A location's own proxy_set_header drops the inherited ones: every location forwards the caller's address.
    const locations = [...nginx.matchAll(/location [^{]+\{([^}]*)\}/g)].map((m) => m[1]!);
    expect(locations).toHaveLength(6);
    for (const location of locations) expect(location).toContain('proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;');
  });
});

describe('infra/docker/Dockerfile', () => {
  const dockerfile = read('infra/docker/Dockerfile');

  it('installs the pnpm version the workspace pins', () => {
    const pinned = (JSON.parse(read('package.json')) as { packageManager: string }).packageManager.split('@')[1];
    expect(dockerfile).toContain(`ARG PNPM_VERSION=${pinned}`);
  });

  it('starts a service by the folder name it is given, with the variables the code reads', () => {
    expect(dockerfile).toMatch(/services\/\$SERVICE\/src\/main\.ts/);
    for (const variable of [...dockerfile.matchAll(/^ENV (\w+)=|^\s+(\w+)=\S+ \\?$/gm)].map((m) => m[1] ?? m[2])) {
      expect([...CONFIG_VARIABLES, 'NODE_ENV', ...IMAGE_VARIABLES]).toContain(variable);
    }
  });
});

describe('infra/env examples', () => {
  it('name only variables the services or the test suites read', () => {
    const known = new Set<string>([...CONFIG_VARIABLES, ...HUB_VARIABLES, ...AGENCY_VARIABLES, 'DATABASE_URL', 'EVENTSTORE_URL']);
    for (const file of readdirSync(join(root, 'infra/env'))) {
      const names = [...read(`infra/env/${file}`).matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!);
      expect(names.length, file).toBeGreaterThan(0);
      for (const name of names) expect(known, `${file}: ${name}`).toContain(name);
    }
  });
});
