import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { hubFixture } from './support/fixture.js';

/** A stand-in agency service on a real socket that echoes what reached it. */
async function echoService(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    let body = '';
    req
      .setEncoding('utf8')
      .on('data', (c: string) => {
        body += c;
      })
      .on('end', () => {
        res.writeHead(req.url === '/api/refuse' ? 409 : 200, { 'content-type': 'application/json', 'x-echo': '1' });
        res.end(JSON.stringify({ method: req.method, url: req.url, authorization: req.headers['authorization'] ?? null, body }));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function consoleBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'console-dist-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>控制台</title><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'app-abc123.js'), 'console.log(1)');
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('the hub serves the web console', () => {
  it('answers every page of the console with index.html, assets cached for good, and leaves the API its own 404s', async () => {
    const fx = await hubFixture({ consoleDir: consoleBuild() });
    for (const path of ['/', '/cases/5b0f3d56-1111-4a4a-8888-000000000000', '/meetings', '/reports?month=2026-11']) {
      const res = await fetch(fx.url + path, { headers: { accept: 'text/html' } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
      expect(await res.text(), path).toContain('<div id="root">');
    }
    const asset = await fetch(`${fx.url}/assets/app-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${fx.url}/assets/missing.js`)).status).toBe(404);
    const api = await fetch(`${fx.url}/api/nothing-here`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('json');
  });

  it('says how to build the console when there is no build', async () => {
    const fx = await hubFixture({ consoleDir: join(tmpdir(), 'no-console-here') });
    const res = await fetch(`${fx.url}/`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('pnpm console:build');
  });
});

describe('the hub passes /agencies/<agency>/api/… through to that agency service', () => {
  it('forwards method, path, token and the JSON body, and returns the service’s answer as it is', async () => {
    const union = await echoService();
    onTestFinished(() => union.close());
    const fx = await hubFixture({ agencyUrls: { union: union.url }, consoleDir: false });
    const res = await fetch(`${fx.url}/agencies/union/api/cases/x/transfer-lead?y=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer abc' },
      body: JSON.stringify({ summary: '拖欠工资' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-echo')).toBe('1');
    expect(await res.json()).toEqual({
      method: 'POST',
      url: '/api/cases/x/transfer-lead?y=1',
      authorization: 'Bearer abc',
      body: JSON.stringify({ summary: '拖欠工资' }),
    });
    const refused = await fetch(`${fx.url}/agencies/union/api/refuse`);
    expect(refused.status).toBe(409);
  });

  it('answers 404 for an agency it does not know or a path outside /api, and 502 when the service is down', async () => {
    const down = await echoService();
    await down.close();
    const fx = await hubFixture({ agencyUrls: { court: down.url }, consoleDir: false });
    const unknown = await fetch(`${fx.url}/agencies/nobody/api/session`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { detail: string }).detail).toBe('没有这个机构服务地址');
    expect((await fetch(`${fx.url}/agencies/union/api/session`)).status).toBe(404); // no URL configured for the union
    expect((await fetch(`${fx.url}/agencies/court/metrics`)).status).toBe(404);
    const unreachable = await fetch(`${fx.url}/agencies/court/api/session`);
    expect(unreachable.status).toBe(502);
    expect(((await unreachable.json()) as { detail: string }).detail).toBe('机构服务暂时无法访问，请稍后重试');
  });
});
