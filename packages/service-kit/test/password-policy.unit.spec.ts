import { describe, expect, it } from 'vitest';
import { BadRequest, checkPasswordPolicy, isCommonPassword } from '../src/index.js';

/** The refusal's Chinese words, or null when the password is taken. */
function refusal(password: string, username?: string): string | null {
  try {
    checkPasswordPolicy(password, username);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequest);
    expect((error as BadRequest).errors).toEqual([{ path: 'password', message: expect.any(String) }]);
    return (error as BadRequest).message;
  }
}

describe('the password policy (等保 2.0 level 3)', () => {
  it('given passwords of one or two kinds of characters, when checked, then each is refused for too few kinds', () => {
    for (const weak of ['aaaaaaaaaa', '1111111111', 'abcdefghij', 'ABCDEFGHIJ1', 'abcde12345', '----------']) {
      expect(refusal(weak), weak).toBe('密码要包含大写字母、小写字母、数字、符号这四类中的至少三类');
    }
  });

  it('given ten spaces, when checked, then it is refused in plain words', () => {
    expect(refusal(' '.repeat(10))).toBe('密码不能全是空格');
  });

  it('given a password with a control character, when checked, then it is refused for that', () => {
    for (const bad of ['Good-Pass\n2026', 'Good-Pass\t2026', 'Good-Pass\u00002026', 'Good-Pass\u007f2026']) {
      expect(refusal(bad)).toBe('密码里不能有换行、制表符这类控制字符');
    }
  });

  it('given the username inside the password, in any case, when checked, then it is refused', () => {
    expect(refusal('Zhangwei-2026!', 'zhangwei')).toBe('密码里不能包含用户名');
    expect(refusal('2026-ZHANGWEI-x', 'ZhangWei')).toBe('密码里不能包含用户名');
    expect(refusal('Lanterns-2026!', 'zhangwei')).toBeNull();
  });

  it('given a common password, or one with digits and symbols around a common one, when checked, then it is refused', () => {
    expect(isCommonPassword('password1234')).toBe(true);
    expect(isCommonPassword('P@ssw0rd')).toBe(true);
    for (const common of ['Password1234', 'Iloveyou2026!', '!!Dragon12345', 'Woaini1314!!', 'Qwerty123456']) {
      expect(refusal(common), common).toBe('这个密码太常见，很容易被猜到，请换一个');
    }
  });

  it('given too short or too long a password, when checked, then it is refused for its length', () => {
    expect(refusal('Ab1-567')).toBe('密码太短：至少需要 10 个字符');
    expect(refusal(`Aa1-${'x'.repeat(253)}`)).toBe('密码太长：最多 256 个字符');
  });

  it('given strong passwords and passphrases, when checked, then they are taken', () => {
    for (const good of ['hub-demo-2026', 'browser-tests-2026', '正确的密码-Correct-Horse-9', 'Tea and 3 cakes', '十个字的密码够A1b']) {
      expect(refusal(good, 'liaison'), good).toBeNull();
    }
  });
});
