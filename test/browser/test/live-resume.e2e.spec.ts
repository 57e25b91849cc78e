import { randomUUID } from 'node:crypto';
import type { Browser, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, OFFICE, signIn, User } from '../src/browser.js';
import { apiLogin, cases } from '../src/hub-api.js';

const system = inject('system');

describe('the console after a dropped live connection', { timeout: 120_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('an inbox that lost its connection still gets the lead sent meanwhile, once it is back', async () => {
    const union = await User.open(browser, system.url, 'live-resume', 'union-liaison', OFFICE);
    const { page } = union;
    // The live feed passes through a route the test can cut, as a flaky office network would.
    let up = true;
    const sockets: WebSocketRoute[] = [];
    await page.routeWebSocket(/\/api\/live$/, (ws) => {
      if (!up) {
        ws.close({ code: 4008, reason: 'network down (test)' });
        return;
      }
      ws.connectToServer();
      sockets.push(ws);
    });
    await signIn(union, '工会', 'liaison', system.password);
    await page.getByRole('heading', { name: '工会工作台', level: 1 }).waitFor();
    await page.getByText('实时更新：实时').waitFor();

    // The connection drops and stays down while the HR bureau sends the union a lead.
    up = false;
    for (const ws of sockets) await ws.close({ code: 4008, reason: 'network down (test)' });
    await page.getByText(/实时更新：(已断开|连接中)/).waitFor();
    const hr = await apiLogin(system.agencyUrls['hr_bureau']!, 'liaison', system.password);
    const target = (await cases(system.url, hr, '&status=open&agency=hr_bureau')).find((c) => c.agencies.includes('union'));
    expect(target, 'an open case the HR bureau and the union share').toBeDefined();
    const summary = `断线期间移送的线索 ${Date.now()}`;
    const due = new Date(Date.now() + 10 * 86_400_000).toISOString();
    const sent = await fetch(`${system.agencyUrls['hr_bureau']}/api/cases/${target!.caseId}/transfer-lead`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${hr}` },
      body: JSON.stringify({ leadId: randomUUID(), to: 'union', summary, feedbackDueAt: due }),
    });
    expect(sent.status, await sent.clone().text()).toBe(200);
    await union.shot('offline');

    // Back online: the inbox resumes from where it was, so the lead sent meanwhile arrives.
    up = true;
    const leads = page.getByRole('region', { name: '移送给本机构的线索' });
    await leads.getByRole('row').filter({ hasText: summary }).waitFor({ timeout: 20_000 });
    await page.getByText('实时更新：实时').waitFor();
    await union.shot('resumed');
    expect(union.errors).toEqual([]);
    await union.close();
  });

  it('a connection that goes silent without closing is given up and resumed, so the inbox is not left stale', { timeout: 150_000 }, async () => {
    const union = await User.open(browser, system.url, 'live-resume', 'union-liaison-silent', OFFICE);
    const { page } = union;
    // A socket whose far end stops sending, without any close (a sleeping laptop, a NAT that
    // forgot the connection): the hub's heartbeats stop reaching the page.
    const dead = new Set<WebSocketRoute>();
    const sockets: WebSocketRoute[] = [];
    await page.routeWebSocket(/\/api\/live$/, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((message) => {
        if (!dead.has(ws)) ws.send(message);
      });
      sockets.push(ws);
    });
    await signIn(union, '工会', 'liaison', system.password);
    await page.getByRole('heading', { name: '工会工作台', level: 1 }).waitFor();
    await page.getByText('实时更新：实时').waitFor();
    for (const ws of sockets) dead.add(ws);

    const hr = await apiLogin(system.agencyUrls['hr_bureau']!, 'liaison', system.password);
    const target = (await cases(system.url, hr, '&status=open&agency=hr_bureau')).find((c) => c.agencies.includes('union'));
    const summary = `连接静默期间移送的线索 ${Date.now()}`;
    const sent = await fetch(`${system.agencyUrls['hr_bureau']}/api/cases/${target!.caseId}/transfer-lead`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${hr}` },
      body: JSON.stringify({ leadId: randomUUID(), to: 'union', summary, feedbackDueAt: new Date(Date.now() + 10 * 86_400_000).toISOString() }),
    });
    expect(sent.status).toBe(200);

    // After 40 s without a heartbeat the page opens a new connection and resumes where it was.
    const leads = page.getByRole('region', { name: '移送给本机构的线索' });
    await leads.getByRole('row').filter({ hasText: summary }).waitFor({ timeout: 90_000 });
    expect(sockets.length).toBeGreaterThan(1);
    await union.shot('resumed-after-silence');
    await union.close();
  });

  it('a case page left for another case does not carry an open form across', async () => {
    const token = await apiLogin(system.agencyUrls['union']!, 'liaison', system.password);
    const [first, second] = await cases(system.url, token, '&status=open&agency=union');
    expect(second, 'two open union cases').toBeDefined();
    const union = await User.open(browser, system.url, 'live-resume', 'union-liaison-forms', OFFICE);
    const { page } = union;
    await signIn(union, '工会', 'liaison', system.password);
    await page.goto(`/cases/${first!.caseId}`);
    await page.getByRole('heading', { name: '办理' }).waitFor();
    // From one case straight to another inside the app (the router sees a history change, the
    // page is not reloaded), then the browser's Back button.
    await page.evaluate(`history.pushState(null, '', '/cases/${second!.caseId}'); dispatchEvent(new PopStateEvent('popstate'));`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).not.toBe('');
    await page.getByRole('button', { name: '移送线索' }).click();
    await page.getByRole('form', { name: '移送线索' }).getByLabel('线索摘要').fill('写给第二个案件的线索');
    await page.goBack();
    await page.getByRole('heading', { name: '办理' }).waitFor();
    await expect.poll(() => page.url()).toContain(first!.caseId);
    expect(await page.getByRole('form', { name: '移送线索' }).count()).toBe(0);
    await union.shot('form-not-carried');
    await union.close();
  });
});
