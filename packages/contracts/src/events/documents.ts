import { z } from 'zod';
import { agencyIdSchema } from '../agencies.js';
import { encryptedFieldSchema } from '../personal.js';
import { bilingual, strictError, textSchema, uuidSchema, vocabulary } from '../values/common.js';
import { ALL_AGENCIES, defineEvent } from './define.js';

/** What a document is to the case (证据材料 and the other papers a case file holds). */
export const documentKinds = vocabulary(
  {
    evidence: { zh: '证据材料', en: 'Evidence' },
    roster: { zh: '职工名册', en: 'Worker roster' },
    agreement: { zh: '协议', en: 'Agreement' },
    ruling: { zh: '裁决/判决文书', en: 'Award or judgment' },
    record: { zh: '笔录/记录', en: 'Record or minutes' },
    photo: { zh: '照片', en: 'Photo' },
    other: { zh: '其他', en: 'Other' },
  },
  { zh: '材料类别', en: 'document kind' },
);
export type DocumentKind = (typeof documentKinds.values)[number];

/**
 * The file types a case accepts, each checked by the file's content (services' documents/sniff.ts),
 * never by its name or the type a client claims.
 */
export const documentMediaTypes = vocabulary(
  {
    'application/pdf': { zh: 'PDF 文档', en: 'PDF document' },
    'image/jpeg': { zh: 'JPEG 图片', en: 'JPEG image' },
    'image/png': { zh: 'PNG 图片', en: 'PNG image' },
    'image/webp': { zh: 'WebP 图片', en: 'WebP image' },
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { zh: 'Word 文档（docx）', en: 'Word document (docx)' },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { zh: 'Excel 表格（xlsx）', en: 'Excel workbook (xlsx)' },
    'application/msword': { zh: 'Word 文档（doc）', en: 'Word document (doc)' },
    'application/vnd.ms-excel': { zh: 'Excel 表格（xls）', en: 'Excel workbook (xls)' },
  },
  { zh: '文件类型', en: 'media type' },
);
export type DocumentMediaType = (typeof documentMediaTypes.values)[number];

export const sha256HexSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, { error: bilingual('SHA-256 须为 64 位小写十六进制', 'sha256 must be 64 lowercase hex digits') });

/** A file name as people read it: no path, no control characters. */
export const documentFileNameSchema = textSchema(255).refine((name) => !/[/\\]/.test(name) && !/\p{Cc}/u.test(name), {
  error: bilingual('文件名不能含路径分隔符或控制字符', 'a file name holds no path separators or control characters'),
});

/**
 * A file attached to a case, or to one act of it (`actEventId`: the id of that act's event in
 * the same case stream). The bytes are kept outside the event store, addressed by `sha256` (of
 * the plaintext); this signed event is what proves a file is the one recorded. A file holding a
 * worker's personal data (`personal`) is stored encrypted under that worker's vault key at the
 * attaching agency, and its name is in the event only encrypted: erasing the worker makes both
 * unreadable while the hash still proves any copy someone kept.
 */
export const documentAttached = defineEvent({
  type: 'DocumentAttached',
  version: 1,
  data: z.strictObject(
    {
      documentId: uuidSchema,
      actEventId: uuidSchema.optional(),
      attachedBy: agencyIdSchema,
      kind: documentKinds.schema,
      fileName: z.union([documentFileNameSchema, encryptedFieldSchema], {
        error: bilingual('文件名须为文本或加密字段', 'fileName must be text or an encrypted field'),
      }),
      mediaType: documentMediaTypes.schema,
      size: z.int({ error: bilingual('文件大小须为整数', 'size must be an integer') }).positive(),
      sha256: sha256HexSchema,
      personal: z.strictObject({ workerId: uuidSchema }, strictError).optional(),
    },
    strictError,
  ),
  label: { zh: '材料上传', en: 'Document attached' },
  recordedBy: ALL_AGENCIES,
  mayRecord: (agency, data) => agency === data.attachedBy,
});
