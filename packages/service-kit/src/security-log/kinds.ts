/**
 * What the security log records (issue 15.4), each kind with the words the CSV and the console
 * show. `log_pruned` is the log's own checkpoint: written when old entries are removed, it holds
 * the hash of the last one removed, so the chain still verifies from there (docs/security-log.md).
 */
export const SECURITY_KINDS = {
  sign_in: '登录成功',
  sign_in_failed: '登录失败',
  sign_out: '退出登录',
  account_locked: '账号锁定',
  account_unlocked: '账号解锁',
  user_created: '创建用户',
  user_changed: '修改用户',
  role_changed: '变更角色',
  password_reset: '重置密码',
  second_factor_enrolled: '绑定动态口令',
  second_factor_failed: '动态口令错误',
  recovery_code_used: '使用恢复码',
  second_factor_reset: '重置动态口令',
  service_account_created: '创建服务账号',
  api_key_issued: '签发 API 密钥',
  key_published: '发布签名密钥',
  key_rotated: '轮换签名密钥',
  export: '导出案件',
  download_document: '下载材料',
  reveal_personal_data: '显示个人信息',
  log_pruned: '清理过期日志',
} as const;

export type SecurityKind = keyof typeof SECURITY_KINDS;

export const SECURITY_KIND_NAMES = Object.keys(SECURITY_KINDS) as SecurityKind[];

export type SecurityOutcome = 'success' | 'failure';

export const SECURITY_OUTCOMES: Record<SecurityOutcome, string> = { success: '成功', failure: '失败' };

/** Who acted: a signed-in person or machine client, or (a failed sign-in) only the username tried. */
export interface SecurityActor {
  userId: string | null;
  name: string | null;
  agency: string | null;
}

export interface SecurityEntry {
  seq: number;
  at: string;
  kind: SecurityKind;
  actor: SecurityActor;
  subject: string;
  sourceIp: string | null;
  /** The X-Forwarded-For a proxy in front (the hub's gateway) sent: the client it claims, not checked. */
  forwardedFor: string | null;
  outcome: SecurityOutcome;
  detail: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface NewSecurityEntry {
  kind: SecurityKind;
  actor: SecurityActor;
  subject: string;
  sourceIp?: string | null;
  forwardedFor?: string | null;
  outcome?: SecurityOutcome;
  detail?: Record<string, unknown>;
}

/** At least six months (网络安全法 Art. 21): 180 days is the floor and the default. */
export const MIN_SECURITY_LOG_RETENTION_DAYS = 180;
export const DEFAULT_SECURITY_LOG_RETENTION_DAYS = 180;

export class SecurityLogSettingError extends Error {
  override readonly name = 'SecurityLogSettingError';
}

/** SECURITY_LOG_RETENTION_DAYS, checked: a value under 180 days stops the service with a clear message. */
export function securityLogRetentionDays(option: number | undefined, env: Readonly<Record<string, string | undefined>>): number {
  const raw = option ?? (env['SECURITY_LOG_RETENTION_DAYS']?.trim() ? Number(env['SECURITY_LOG_RETENTION_DAYS']) : DEFAULT_SECURITY_LOG_RETENTION_DAYS);
  if (!Number.isInteger(raw) || raw < MIN_SECURITY_LOG_RETENTION_DAYS) {
    throw new SecurityLogSettingError(
      `安全日志至少保存 ${MIN_SECURITY_LOG_RETENTION_DAYS} 天（六个月，《网络安全法》第二十一条），不能设为 ${String(raw)} 天 — ` +
        `SECURITY_LOG_RETENTION_DAYS must be a whole number of days, at least ${MIN_SECURITY_LOG_RETENTION_DAYS} (six months), not ${String(raw)}`,
    );
  }
  return raw;
}
