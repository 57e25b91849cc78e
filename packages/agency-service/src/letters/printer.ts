/**
 * Renders letters for one service: at most two at a time (a render is CPU work of about a second),
 * a bounded queue behind them (past it the request is told to come back, 503, rather than piling
 * up), and the last few PDFs kept by content so a letter printed twice is rendered once.
 */
import { renderLetter, type LetterContent, type RenderedLetter } from '@hub/letters';
import { ServiceUnavailable } from '@hub/service-kit';

const RUNNING = 2;
const WAITING = 16;
const KEPT = 32;

export class LetterPrinter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly kept = new Map<string, RenderedLetter>();

  constructor(private readonly render: (content: LetterContent) => Promise<RenderedLetter> = renderLetter) {}

  async print(content: LetterContent): Promise<RenderedLetter> {
    const key = JSON.stringify(content);
    const hit = this.kept.get(key);
    if (hit) return hit;
    await this.slot();
    try {
      const rendered = await this.render(content);
      this.kept.set(key, rendered);
      while (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value!);
      return rendered;
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }

  private async slot(): Promise<void> {
    if (this.running < RUNNING) {
      this.running += 1;
      return;
    }
    if (this.waiting.length >= WAITING)
      throw new ServiceUnavailable('正在生成的文书过多，请稍后再试', 'Too many letters are being rendered; try again shortly');
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running += 1;
  }
}
