import { z } from 'zod';
import { bilingual } from './common.js';

/**
 * zod's own words for a field a schema did not word itself, in plain Chinese first (issue 14.2):
 * the console shows them next to the field, so no type names, field keys or English in the zh
 * part. A schema's own `error` still wins; anything not listed keeps zod's words.
 */
export function plainIssueWords(issue: {
  readonly code?: string;
  readonly input?: unknown;
  readonly origin?: string;
  readonly minimum?: unknown;
  readonly maximum?: unknown;
}): string | undefined {
  const [min, max] = [String(issue.minimum), String(issue.maximum)];
  const list = issue.origin === 'array' || issue.origin === 'set';
  const text = issue.origin === 'string';
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? bilingual('请填写此项', 'required') : bilingual('填写的内容不对，请重新填写', 'not the kind of value expected');
    case 'too_small':
      if (list) return bilingual(`请至少选择或填写 ${min} 项`, `at least ${min} item(s)`);
      if (text) return bilingual(`请至少填写 ${min} 个字`, `at least ${min} character(s)`);
      return bilingual(`不能小于 ${min}`, `at least ${min}`);
    case 'too_big':
      if (list) return bilingual(`最多 ${max} 项`, `at most ${max} item(s)`);
      if (text) return bilingual(`请不要超过 ${max} 个字`, `at most ${max} characters`);
      return bilingual(`不能大于 ${max}`, `at most ${max}`);
    case 'invalid_value':
    case 'invalid_union':
      return bilingual('请从列表中选择', 'not one of the values offered');
    case 'invalid_format':
      return bilingual('格式不对，请重新填写', 'not in the expected format');
    default:
      return undefined;
  }
}

z.config({ customError: plainIssueWords });
