/**
 * What a fuzz run found, kept to one line per kind (service, route, what went wrong) with the
 * first request that showed it, so a failure message is short and still says how to repeat it.
 */
export class Findings {
  private readonly byKind = new Map<string, string>();

  add(kind: string, detail: string): void {
    if (!this.byKind.has(kind)) this.byKind.set(kind, `${kind}\n    ${detail}`);
  }

  /** One entry per kind: the array the spec asserts is empty. */
  list(): string[] {
    return [...this.byKind.values()];
  }
}

/** A refusal must be an RFC 7807 problem document whose status is the response's. */
export function problemDefect(status: number, contentType: string, text: string): string | null {
  if (!/json/.test(contentType)) return `${status} with content-type ${JSON.stringify(contentType)}`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return '4xx body is not JSON';
  }
  const problem = body as { status?: unknown; title?: unknown; detail?: unknown };
  if (problem?.status !== status) return `4xx problem status ${JSON.stringify(problem?.status)} ≠ ${status}`;
  if (typeof problem.title !== 'string' || typeof problem.detail !== 'string') return '4xx problem without title/detail';
  return null;
}
