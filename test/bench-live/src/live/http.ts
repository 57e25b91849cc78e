/**
 * The command driver's HTTP: JSON POSTs over keep-alive connections, at most `maxSockets` per
 * service, as a real client pool would hold. (Global fetch opens a new connection whenever all
 * are busy; against an overloaded service that means hundreds of sockets and connect timeouts
 * once its accept queue is full, which measures the load generator rather than the service.)
 *
 * It follows the client contract of the README (issue 10, item 5): idle pooled connections are
 * dropped before the services' keep-alive closes them, and every command carries its own
 * Idempotency-Key, so one whose reused socket fails before an answer is sent once more, safely.
 */
import { randomUUID } from 'node:crypto';
import type { Agent } from 'node:http';
import { keepAliveAgent, sendHttp } from '@hub/service-kit';

export interface JsonAnswer<T> {
  status: number;
  body: T;
}

export class JsonPoster {
  private readonly agent: Agent;
  /** Commands sent a second time after a reused connection failed (each answered once). */
  retried = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    maxSockets = 32,
  ) {
    this.agent = keepAliveAgent({ maxSockets });
  }

  async post<T>(path: string, body: unknown): Promise<JsonAnswer<T>> {
    const payload = Buffer.from(JSON.stringify(body));
    const answer = await sendHttp(new URL(path, this.baseUrl), {
      method: 'POST',
      agent: this.agent,
      headers: {
        'content-type': 'application/json',
        'content-length': payload.length,
        accept: 'application/json, application/problem+json',
        authorization: `Bearer ${this.token}`,
        'idempotency-key': randomUUID(),
      },
      body: payload,
    });
    if (answer.retried) this.retried += 1;
    let parsed: unknown = answer.text;
    try {
      parsed = answer.text.length > 0 ? JSON.parse(answer.text) : {};
    } catch {
      parsed = { detail: answer.text.slice(0, 200) };
    }
    return { status: answer.status, body: parsed as T };
  }

  close(): void {
    this.agent.destroy();
  }
}
