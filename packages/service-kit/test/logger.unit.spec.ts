import { describe, expect, it } from 'vitest';
import { REDACTED } from '../src/index.js';
import { memoryLogger } from './helpers.js';

const ID = '330102199001011234';
const PHONE = '13812345678';

describe('createLogger', () => {
  it('redacts personal data and secrets by key, at any depth', () => {
    const { logger, lines, raw } = memoryLogger();
    logger.info(
      {
        workerName: '张三',
        idNumber: ID,
        phone: PHONE,
        password: 'hunter2hunter2',
        apiKey: 'hub_union_abc',
        req: { headers: { authorization: 'Bearer xyz', cookie: 'sid=1', 'user-agent': 'curl' } },
        case: { workers: [{ name: '李四', idNumber: ID }], worker: { name: '王五', phone: PHONE } },
        deep: { a: { b: { c: { password: 'deep-secret-1' } } } },
      },
      'case opened',
    );
    const line = lines[0]!;
    expect(line['workerName']).toBe(REDACTED);
    expect(line['idNumber']).toBe(REDACTED);
    expect(line['phone']).toBe(REDACTED);
    expect(line['password']).toBe(REDACTED);
    expect(line['apiKey']).toBe(REDACTED);
    expect(line['req']).toEqual({ headers: { authorization: REDACTED, cookie: REDACTED, 'user-agent': 'curl' } });
    expect(line['case']).toEqual({ workers: [{ name: REDACTED, idNumber: REDACTED }], worker: { name: REDACTED, phone: REDACTED } });
    const text = raw.join('');
    for (const secret of ['张三', '李四', '王五', ID, PHONE, 'hunter2hunter2', 'hub_union_abc', 'Bearer xyz', 'sid=1', 'deep-secret-1']) {
      expect(text).not.toContain(secret);
    }
  });

  it('masks ID- and phone-looking numbers in free text: message, interpolation, nested strings, errors', () => {
    const { logger, raw, lines } = memoryLogger();
    logger.info(`worker ${ID} called from ${PHONE}`);
    logger.info('printf style %s', ID);
    logger.warn({ note: `备注：电话${PHONE}` }, 'note');
    logger.error(new Error(`lookup failed for ${ID}`));
    logger.error({ err: new Error(`again ${PHONE}`) }, 'wrapped');
    const text = raw.join('');
    expect(text).not.toContain(ID);
    expect(text).not.toContain(PHONE);
    expect(lines[0]!['msg']).toBe('worker 3301**********1234 called from 138****5678');
    expect(lines[1]!['msg']).toBe('printf style 3301**********1234');
    expect(lines[2]!['note']).toBe('备注：电话138****5678');
    expect((lines[3]!['err'] as { message: string }).message).toBe('lookup failed for 3301**********1234');
    expect(lines[4]!['msg']).toBe('wrapped');
  });

  it('scrubs child bindings too', () => {
    const { logger, raw } = memoryLogger();
    logger.child({ phone: PHONE, requestId: 'r1' }).info('hello');
    expect(raw.join('')).not.toContain(PHONE);
    expect(raw.join('')).toContain('r1');
  });

  it('names the service on every line', () => {
    const { logger, lines } = memoryLogger('union');
    logger.info('up');
    expect(lines[0]).toMatchObject({ service: 'union', level: 30, msg: 'up' });
  });
});
