/**
 * Issue 14.2: a refusal's Chinese message is plain words saying what to do. It must not carry an
 * ISO timestamp or date, a rule id, an English field key or a raw id; the rule id travels beside
 * it (RuleViolation.ruleId, the problem document's `ruleId`). Returns what is wrong, [] when none.
 */
const checks: readonly (readonly [RegExp, string])[] = [
  [/\d{4}-\d{2}-\d{2}/, 'an ISO date'],
  [/\d{2}:\d{2}:\d{2}|T\d{2}:\d{2}|\d(\.\d+)?Z\b/, 'an ISO time'],
  [/\b(R\d+(\.[a-z-]+)?|CHAIN\.[a-z-]+|T1\.[a-z-]+|H1\.[a-z-]+|meeting\.[a-z-]+)\b/, 'a rule id'],
  [/[0-9a-f]{8}-[0-9a-f]{4}-/i, 'a uuid'],
  // A field key or an enum value (replyDueAt, amount_claimed, deadline): any Latin word of three letters or more.
  [/[A-Za-z_]{3,}/, 'an English word or field key'],
];

export function plainWordsProblems(message: string): string[] {
  const problems = checks.filter(([pattern]) => pattern.test(message)).map(([, what]) => `${what} in 「${message}」`);
  if (!/\p{Script=Han}/u.test(message)) problems.push(`no Chinese in 「${message}」`);
  // Says what to do: the advice follows the rule after a comma (rules.ts worded()).
  if (!message.includes('，')) problems.push(`no advice in 「${message}」`);
  return problems;
}
