import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AGENCY_VARIABLES, serviceDefaults } from '@hub/agency-service';
import { HUB_DEFAULT_PORT, HUB_VARIABLES } from '@hub/hub-service';
import { CONFIG_VARIABLES } from '@hub/service-kit';
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
  it('has a file per server engine, and one more hub with nginx in front for PostgreSQL', () => {
    expect(composeFiles.sort()).toEqual(['services.esdb.yml', 'services.postgres.yml']);
    expect(readdirSync(join(root, 'infra/compose')).sort()).toEqual(['hubs.replicas.postgres.yml', 'services.esdb.yml', 'services.postgres.yml']);
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
