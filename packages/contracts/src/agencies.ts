import { z } from 'zod';
import { bilingual, vocabulary, type Label } from './values/common.js';
import { agencies as agenciesWords, agencyShortNames as shortNames, roles as rolesWords } from './words.js';

const agencyVocabulary = vocabulary(agenciesWords.labels, { zh: '机构', en: 'agency' });

export type AgencyId = (typeof agencyVocabulary.values)[number];
export const agencyIds: readonly AgencyId[] = agencyVocabulary.values;
export const agencyIdSchema = agencyVocabulary.schema;
export const agencyNames: { readonly [A in AgencyId]: Label } = agencyVocabulary.labels;

/** Short names for tight UI spots (timelines, badges). */
export const agencyShortNames: { readonly [A in AgencyId]: Label } = shortNames;

const roleVocabulary = vocabulary(rolesWords.labels, { zh: '角色', en: 'role' });

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
