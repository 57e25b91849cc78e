import { z } from 'zod';
import { bilingual, vocabulary, type Label } from './values/common.js';

const agencyVocabulary = vocabulary(
  {
    union: { zh: '工会', en: 'Trade union' },
    procuratorate: { zh: '人民检察院', en: "People's procuratorate" },
    hr_bureau: { zh: '人力资源和社会保障局', en: 'Human resources and social security bureau' },
    court: { zh: '人民法院', en: "People's court" },
  },
  { zh: '机构', en: 'agency' },
);

export type AgencyId = (typeof agencyVocabulary.values)[number];
export const agencyIds: readonly AgencyId[] = agencyVocabulary.values;
export const agencyIdSchema = agencyVocabulary.schema;
export const agencyNames: { readonly [A in AgencyId]: Label } = agencyVocabulary.labels;

/** Short names for tight UI spots (timelines, badges). */
export const agencyShortNames: { readonly [A in AgencyId]: Label } = {
  union: { zh: '工会', en: 'Union' },
  procuratorate: { zh: '检察院', en: 'Procuratorate' },
  hr_bureau: { zh: '人社局', en: 'HR bureau' },
  court: { zh: '法院', en: 'Court' },
};

const roleVocabulary = vocabulary(
  {
    liaison: { zh: '联络员', en: 'Liaison' },
    auditor: { zh: '审计员', en: 'Auditor' },
    secretary: { zh: '联席会议秘书', en: 'Joint-meeting secretary' },
    admin: { zh: '系统管理员', en: 'Administrator' },
  },
  { zh: '角色', en: 'role' },
);

export type Role = (typeof roleVocabulary.values)[number];
export const roles: readonly Role[] = roleVocabulary.values;
export const roleSchema = roleVocabulary.schema;
export const roleLabels: { readonly [R in Role]: Label } = roleVocabulary.labels;

/** Who acts: the agency, the user within it, and that user's roles. */
export const actorSchema = z.strictObject({
  agency: agencyIdSchema,
  userId: z
    .string()
    .trim()
    .min(1, { error: bilingual('用户标识不能为空', 'userId must not be empty') })
    .max(200),
  roles: z.array(roleSchema).readonly(),
});
export type Actor = z.output<typeof actorSchema>;
