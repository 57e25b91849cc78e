/**
 * The command driver's HTTP: JSON POSTs over keep-alive connections, at most `maxSockets` per
 * service, as a real client pool would hold. (Global fetch opens a new connection whenever all
 * are busy; against an overloaded service that means hundreds of sockets and connect timeouts
 * once its accept queue is full, which measures the load generator rather than the service.)
 */
import { Agent, request } from 'node:http';

export interface JsonAnswer<T> {
  status: number;
  body: T;
}

export class JsonPoster {
  private readonly agent: Agent;

  constructor(private readonly baseUrl: string, private readonly token: string, maxSockets = 32) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  post<T>(path: string, body: unknown): Promise<JsonAnswer<T>> {
    const payload = Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = request(new URL(path, this.baseUrl), {
        method: 'POST',
        agent: this.agent,
        headers: {
          'content-type': 'application/json',
          'content-length': payload.length,
          accept: 'application/json, application/problem+json',
          authorization: `Bearer ${this.token}`,
        },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text.length > 0 ? JSON.parse(text) : {};
          } catch {
            parsed = { detail: text.slice(0, 200) };
          }
          resolve({ status: res.statusCode ?? 0, body: parsed as T });
        });
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
