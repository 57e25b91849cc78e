/**
 * 联席会议纪要 as it prints (issue 14.5): laid out like official minutes — the issuing agency and
 * 纪要 in the head, a red rule, the meeting's title, then 会议时间, 会议地点, 主持人, 记录人 and
 * 出席单位及人员 in a ruled table, the minutes' body, the matters agreed numbered (一、二、…), and
 * after the agenda's table the host's name and the date. Print only: the screen has MeetingFacts.
 */
import { agencyNames } from '@hub/contracts';
import { formatDate, formatDateTime } from '../../app/i18n.tsx';
import { CaseNumberOf } from '../../components/CaseNumber.tsx';
import './minutes.css';
import type { MeetingDetail, MeetingPerson } from './types.ts';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 1 → 一, 12 → 十二, 25 → 二十五 (up to 99). */
export function chineseNumeral(n: number): string {
  if (n <= 10) return NUMERALS[n - 1]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens > 1 ? NUMERALS[tens - 1] : ''}十${ones > 0 ? NUMERALS[ones - 1] : ''}`;
}

const NOT_RECORDED = '（未记录）';

const personText = (p: MeetingPerson | null): string => (p ? `${p.name}${p.post ? `（${p.unit}${p.post}）` : `（${p.unit}）`}` : NOT_RECORDED);

/** Each attending unit with its people: 工会：王主席（副主席）、陈秘书. */
function attendance(meeting: MeetingDetail): { unit: string; people: string }[] {
  const a = meeting.attendees;
  if (!a) return [];
  const units = [...a.agencies.map((x) => agencyNames[x].zh), ...a.otherBodies];
  const persons = a.persons ?? [];
  return units.map((unit) => ({
    unit,
    people: persons
      .filter((p) => p.unit === unit)
      .map((p) => (p.post ? `${p.name}（${p.post}）` : p.name))
      .join('、'),
  }));
}

export function MinutesHead({ meeting }: { meeting: MeetingDetail }) {
  const host = meeting.hostAgency ? agencyNames[meeting.hostAgency].zh : '';
  const when = meeting.scheduledFor ?? meeting.heldAt;
  return (
    <section className="mtg-minutes mtg-print-only">
      <p className="mtg-minutes-mark">联席会议纪要</p>
      <p className="mtg-minutes-issuer">
        <span>{host}</span>
        <span>{meeting.heldAt ? formatDate(meeting.heldAt, 'zh') : ''}</span>
      </p>
      <hr className="mtg-minutes-rule" />
      <h2 className="mtg-minutes-title">{meeting.title ?? '联席会议'}纪要</h2>
      <table className="mtg-minutes-facts">
        <colgroup>
          <col className="mtg-minutes-key" />
          <col />
          <col className="mtg-minutes-key" />
          <col />
        </colgroup>
        <tbody>
          <tr>
            <th scope="row">会议时间</th>
            <td>{when ? formatDateTime(when, 'zh') : NOT_RECORDED}</td>
            <th scope="row">会议地点</th>
            <td>{meeting.location ?? NOT_RECORDED}</td>
          </tr>
          <tr>
            <th scope="row">主持人</th>
            <td>{personText(meeting.chair)}</td>
            <th scope="row">记录人</th>
            <td>{personText(meeting.recorder)}</td>
          </tr>
          <tr>
            <th scope="row">出席单位及人员</th>
            <td colSpan={3}>
              {attendance(meeting).map(({ unit, people }) => (
                <p key={unit} className="mtg-minutes-unit">
                  {unit}：{people || '（未记录人员）'}
                </p>
              ))}
            </td>
          </tr>
          {meeting.caseIds.length > 0 ? (
            <tr>
              <th scope="row">审议案件</th>
              <td colSpan={3}>
                {meeting.caseIds.map((caseId, i) => (
                  <span key={caseId}>
                    {i > 0 ? '、' : ''}
                    <CaseNumberOf caseId={caseId} />
                  </span>
                ))}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <h3 className="mtg-minutes-section">一、会议内容</h3>
      {(meeting.minutes ?? '').split('\n').map((line, i) =>
        line.trim() ? (
          <p key={`${i}-${line}`} className="mtg-minutes-body">
            {line.trim()}
          </p>
        ) : null,
      )}
      <h3 className="mtg-minutes-section">二、议定事项</h3>
      {meeting.resolutions.length > 0 ? (
        meeting.resolutions.map((r, i) => (
          <p key={`${i}-${r}`} className="mtg-minutes-body">
            （{chineseNumeral(i + 1)}）{r}
          </p>
        ))
      ) : (
        <p className="mtg-minutes-body">{NOT_RECORDED}</p>
      )}
      <h3 className="mtg-minutes-section">三、整改事项及会议决定</h3>
    </section>
  );
}

export function MinutesFoot({ meeting }: { meeting: MeetingDetail }) {
  const host = meeting.hostAgency ? agencyNames[meeting.hostAgency].zh : '';
  return (
    <section className="mtg-minutes-foot mtg-print-only">
      <p>{host}</p>
      <p>{meeting.heldAt ? formatDate(meeting.heldAt, 'zh') : ''}</p>
    </section>
  );
}
