/**
 * 证据材料: the case's documents (name, kind, type, size, who attached it and when, the act it
 * belongs to) with a download each, and a form to attach a file to the case or to one of its
 * acts. The file's type is judged by the service from its content; the list comes from the
 * user's own agency service, which serves every document of a case it may read.
 */
import { documentKinds, documentMediaTypes, type AgencyId, type DocumentKind } from '@hub/contracts';
import type { DocumentAttachedAnswer, DocumentList, DocumentView, TimelineEntry } from '@hub/hub-service/wire';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { agencyApi } from '../../app/api.ts';
import { downloadFile, uploadFile } from '../../app/files.ts';
import { useI18n } from '../../app/i18n.tsx';
import { hasRole, useSignedIn } from '../../app/session.tsx';
import { AgencyName, DateText, Empty, Loading, ProblemMessage } from '../../components/common.tsx';
import type { CaseView } from './types.ts';
import './documents.css';

export const documentsKey = (agency: AgencyId, caseId: string) => ['case-documents', agency, caseId] as const;

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

export function Documents({ agency, caseId, view, acts }: { agency: AgencyId; caseId: string; view: CaseView; acts: readonly TimelineEntry[] }) {
  const { t } = useI18n();
  const headingId = useId();
  const session = useSignedIn();
  const query = useQuery({
    queryKey: documentsKey(agency, caseId),
    queryFn: ({ signal }) => agencyApi<DocumentList>(agency, `/cases/${caseId}/documents`, { signal }),
  });
  const [failure, setFailure] = useState<unknown>(null);
  const label = (eventId: string) => acts.find((a) => a.id === eventId)?.label;

  const download = async (d: DocumentView) => {
    setFailure(null);
    try {
      await downloadFile(agency, `/cases/${caseId}/documents/${d.documentId}`, d.fileName ?? `${d.documentId}`);
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <section className="card case-documents" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('证据材料', 'Documents')}</h2>
      {query.isPending ? <Loading what={{ zh: '正在加载材料…', en: 'Loading the documents…' }} /> : null}
      {query.isError ? <ProblemMessage error={query.error} /> : null}
      <ProblemMessage error={failure} />
      {query.data && query.data.documents.length === 0 ? <Empty>{t('尚未上传材料。', 'No documents yet.')}</Empty> : null}
      {query.data && query.data.documents.length > 0 ? (
        <table className="documents-table">
          <thead>
            <tr>
              <th scope="col">{t('文件名', 'File')}</th>
              <th scope="col">{t('类别', 'Kind')}</th>
              <th scope="col">{t('类型', 'Type')}</th>
              <th scope="col">{t('大小', 'Size')}</th>
              <th scope="col">{t('上传', 'Attached')}</th>
              <th scope="col">{t('所属', 'Belongs to')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('下载', 'Download')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {query.data.documents.map((d) => (
              <tr key={d.documentId}>
                <td>
                  {d.fileName ?? (
                    <span className="muted">
                      {d.personal?.erased
                        ? t('（个人信息已删除）', '(personal data erased)')
                        : t('（含职工个人信息，名称已隐藏）', "(a worker's personal data; name hidden)")}
                    </span>
                  )}
                  <div className="muted small hash" title="SHA-256">
                    SHA-256 {d.sha256.slice(0, 16)}…
                  </div>
                </td>
                <td>{t(documentKinds.labels[d.kind])}</td>
                <td>{t(documentMediaTypes.labels[d.mediaType])}</td>
                <td>{formatSize(d.size)}</td>
                <td>
                  <AgencyName agency={d.attachedBy} /> {d.attachedByUser.name ?? d.attachedByUser.userId}
                  <div className="muted small">
                    <DateText value={d.recordedAt} time />
                  </div>
                </td>
                <td>{d.act ? t(label(d.act.eventId) ?? { zh: '案件行为', en: 'An act' }) : t('案件', 'The case')}</td>
                <td>
                  {d.downloadable ? (
                    <button type="button" onClick={() => void download(d)} aria-label={t(`下载 ${d.fileName ?? ''}`, `Download ${d.fileName ?? ''}`)}>
                      {t('下载', 'Download')}
                    </button>
                  ) : (
                    <span className="muted small">{t('不可下载', 'Not available')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {hasRole(session, 'liaison') && view.participants.includes(agency) && query.data ? (
        <AttachForm agency={agency} caseId={caseId} view={view} acts={acts} maxBytes={query.data.maxBytes} />
      ) : null}
    </section>
  );
}

function AttachForm({
  agency,
  caseId,
  view,
  acts,
  maxBytes,
}: {
  agency: AgencyId;
  caseId: string;
  view: CaseView;
  acts: readonly TimelineEntry[];
  maxBytes: number;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const ids = { file: useId(), kind: useId(), act: useId(), worker: useId() };
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<DocumentKind>('evidence');
  const [act, setAct] = useState('');
  const [worker, setWorker] = useState('');
  const [done, setDone] = useState<string | null>(null);
  // A new input after each upload: the browser's own field would still show the file just sent.
  const [inputKey, setInputKey] = useState(0);
  const ownWorkers = view.workers.filter((w) => !w.masked && !w.erased);
  const mutation = useMutation({
    mutationFn: (chosen: File) =>
      uploadFile<DocumentAttachedAnswer>(agency, `/cases/${caseId}/documents`, chosen, {
        fileName: chosen.name,
        kind,
        actEventId: act || undefined,
        workerId: worker || undefined,
      }),
    onSuccess: (_answer, chosen) => {
      setDone(chosen.name);
      setFile(null);
      setInputKey((k) => k + 1);
      void client.invalidateQueries({ queryKey: documentsKey(agency, caseId) });
    },
  });
  const tooBig = file !== null && file.size > maxBytes;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    if (file && !tooBig) mutation.mutate(file);
  };
  const caseActs = acts.filter((a) => a.type !== 'DocumentAttached' && a.kind === 'case');

  return (
    <form className="attach-form no-print" onSubmit={submit} aria-label={t('上传材料', 'Attach a document')}>
      <h3>{t('上传材料', 'Attach a document')}</h3>
      <p className="muted small">
        {t(
          `可上传 PDF、图片（JPEG/PNG/WebP）、Word、Excel；按文件内容识别类型；单个文件不超过 ${formatSize(maxBytes)}。`,
          `PDF, images (JPEG/PNG/WebP), Word and Excel; the type is read from the content; at most ${formatSize(maxBytes)} per file.`,
        )}
      </p>
      <div className="field">
        <label htmlFor={ids.file}>{t('文件', 'File')}</label>
        <input
          key={inputKey}
          id={ids.file}
          type="file"
          accept=".pdf,.jpg,.jpeg,.png,.webp,.doc,.docx,.xls,.xlsx"
          onChange={(e) => {
            setDone(null);
            mutation.reset();
            setFile(e.currentTarget.files?.[0] ?? null);
          }}
        />
      </div>
      {tooBig ? (
        <p className="problem" role="alert">
          {t(`文件超过大小上限（${formatSize(maxBytes)}）`, `The file is larger than the limit of ${formatSize(maxBytes)}`)}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={ids.kind}>{t('材料类别', 'Kind')}</label>
        <select id={ids.kind} value={kind} onChange={(e) => setKind(e.currentTarget.value as DocumentKind)}>
          {documentKinds.values.map((k) => (
            <option key={k} value={k}>
              {t(documentKinds.labels[k])}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.act}>{t('所属', 'Belongs to')}</label>
        <select id={ids.act} value={act} onChange={(e) => setAct(e.currentTarget.value)}>
          <option value="">{t('案件（不属于某一行为）', 'The case as a whole')}</option>
          {caseActs.map((a) => (
            <option key={a.id} value={a.id}>
              {t(a.label)} · {new Date(a.recordedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}
            </option>
          ))}
        </select>
      </div>
      {ownWorkers.length > 0 ? (
        <div className="field">
          <label htmlFor={ids.worker}>{t('含职工个人信息（加密保存）', "Holds a worker's personal data (stored encrypted)")}</label>
          <select id={ids.worker} value={worker} onChange={(e) => setWorker(e.currentTarget.value)}>
            <option value="">{t('否', 'No')}</option>
            {ownWorkers.map((w) => (
              <option key={w.workerId} value={w.workerId}>
                {w.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <ProblemMessage error={mutation.error} />
      {done ? (
        <p className="done" role="status">
          {t(`已上传：${done}`, `Attached: ${done}`)}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={!file || tooBig || mutation.isPending}>
        {mutation.isPending ? t('正在上传…', 'Uploading…') : t('上传', 'Attach')}
      </button>
    </form>
  );
}
