import { documentMediaTypes } from '@hub/contracts';
import { HttpError } from '@hub/service-kit';

export class UnsupportedDocumentType extends HttpError {
  readonly status = 415;
  readonly slug = 'unsupported-document-type';
}

/** 415, naming what is taken: the file's content (not its name) is none of the allowed types. */
export const unsupportedType = () =>
  new UnsupportedDocumentType(
    `文件内容不是允许的类型（按文件内容判断，与文件名无关）。允许：${documentMediaTypes.values.map((t) => documentMediaTypes.labels[t].zh).join('、')}`,
    `The file's content is not an allowed type (judged by content, not by name). Allowed: ${documentMediaTypes.values.map((t) => documentMediaTypes.labels[t].en).join(', ')}`,
    { allowed: documentMediaTypes.values },
  );

/** 410: the worker's personal data was erased; the file's key with it. The recorded hash still proves any copy. */
export class DocumentErased extends HttpError {
  readonly status = 410;
  readonly slug = 'document-erased';
  constructor() {
    super(
      '该材料含有的职工个人信息已按要求删除，文件已无法读取；其哈希仍记录在签名事件中，可用于核验他处保存的副本',
      "The worker's personal data in this document was erased on request, so the file can no longer be read; its hash stays in the signed event and still proves any copy kept elsewhere",
    );
  }
}

/** The stored bytes are not the ones the signed event names: nothing is sent. */
export class DocumentUnreadable extends HttpError {
  readonly status = 500;
  readonly slug = 'document-corrupt';
  constructor() {
    super('材料库中的文件与签名记录的哈希不符，未发送', 'The stored file does not match the hash in its signed event; nothing was sent');
  }
}
