import { HttpError } from '@hub/service-kit';
import express, { type RequestHandler } from 'express';
import { verifyExport, type ExportText } from '../../verifier/verify-audit.mjs';
import type { HubContext } from '../context.js';
import type { FileKeyNotice, VerifiedExport } from './wire.js';

export type { FileKeyNotice, VerifiedExport };

/**
 * Checking an exported copy (labor-hub-audit/1) that an auditor hands back: the offline verifier's
 * own `verifyExport` (services/hub/verifier/verify-audit.mjs), run with the hub's trusted events
 * keys pinned — so a file re-signed with a stranger's key fails, and the console and the offline
 * tool can never disagree.
 */

/** The media type that lifts the hub's general 1 MB JSON body limit for this one route. */
export const EXPORT_MEDIA_TYPE = 'application/vnd.labor-hub-audit+json';
/** How large an export may be when sent as EXPORT_MEDIA_TYPE. */
export const EXPORT_BODY_LIMIT = '32mb';

/**
 * The app's JSON parser (createServiceApp, 1 MB) runs before any route and parses
 * application/json. A case's export can be larger (every event, signature and witness proof),
 * so an export sent as EXPORT_MEDIA_TYPE, which that parser leaves alone, is parsed here with a
 * larger limit — after authentication, so only a signed-in user can make the hub read that much.
 * A body the app's parser already read (application/json) is left as it is.
 */
export const exportBody: RequestHandler = express.json({ limit: EXPORT_BODY_LIMIT, type: EXPORT_MEDIA_TYPE });

/** The file cannot be verified at all (the offline tool's exit 2). */
export class UnusableExport extends HttpError {
  readonly status = 400;
  readonly slug = 'unusable-export';
  constructor(reason: ExportText) {
    super(`无法核验：${reason.zh}`, `Cannot verify: ${reason.en}`, { exitCode: 2, reason });
  }
}

function fileKeyNotices(document: unknown, trusted: ReadonlySet<string>): FileKeyNotice[] {
  const keys = (document as { publicKeys?: unknown }).publicKeys;
  if (!Array.isArray(keys)) return [];
  const seen = new Set(trusted);
  return keys.flatMap((k: unknown): FileKeyNotice[] => {
    const { agency, keyId, purpose } = (k ?? {}) as { agency?: unknown; keyId?: unknown; purpose?: unknown };
    if (typeof agency !== 'string' || typeof keyId !== 'string' || (purpose ?? 'events') !== 'events' || seen.has(`${agency}:${keyId}`)) return [];
    seen.add(`${agency}:${keyId}`);
    return [
      {
        kind: 'file-key-not-trusted',
        agency,
        keyId,
        zh: `文件自带的 ${agency} 公钥 ${keyId} 不是中枢信任的密钥：用它签署的内容在此不被承认`,
        en: `the file carries a key ${keyId} for ${agency} that the hub does not trust: what it signed is not accepted here`,
      },
    ];
  });
}

export function verifyExportFile(ctx: HubContext, document: unknown): VerifiedExport {
  if (document === undefined) {
    throw new UnusableExport({
      zh: `请求体为空或类型不对：请以 application/json 或 ${EXPORT_MEDIA_TYPE} 发送导出的 JSON 文件`,
      en: `no body, or not JSON: send the exported JSON file as application/json or ${EXPORT_MEDIA_TYPE}`,
    });
  }
  const keys = ctx.keys.trusted('events');
  let result;
  try {
    result = verifyExport(document, { pinned: keys });
  } catch (error) {
    // The tool trusts the shapes it checked (events, keys); anything else malformed inside
    // (a witness record that is not an object…) is the file's fault, not the hub's.
    ctx.logger.warn({ err: error }, 'export file could not be verified');
    throw new UnusableExport({ zh: '文件内容格式错误', en: `the file is malformed: ${(error as Error).message}` });
  }
  if (!result.usable) throw new UnusableExport(result.reason);
  const trusted = new Set(keys.map((k) => `${k.agency}:${k.keyId}`));
  return { ...result, verifiedAt: ctx.clock().toISOString(), trustedKeys: 'hub', notices: [...result.notices, ...fileKeyNotices(document, trusted)] };
}
