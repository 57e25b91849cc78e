import { describe, expect, it } from 'vitest';
import {
  actorSchema,
  agencyIds,
  agencyNames,
  categories,
  channels,
  hubEventMetadataSchema,
  letterKinds,
  letterIssuer,
  resolutions,
  roleLabels,
  roles,
  stages,
  warningLevels,
  type Vocabulary,
} from '../src/index.js';

describe('agencies, roles and vocabularies', () => {
  it('names the four agencies in Chinese first', () => {
    expect(agencyIds).toEqual(['union', 'procuratorate', 'hr_bureau', 'court']);
    expect(agencyNames.hr_bureau).toEqual({ zh: '人力资源和社会保障局', en: 'Human resources and social security bureau' });
    expect(roles).toEqual(['liaison', 'auditor', 'secretary', 'admin']);
    for (const role of roles) expect(roleLabels[role].zh).toMatch(/\p{Script=Han}/u);
  });

  it('labels every code of every vocabulary in both languages', () => {
    const all: Vocabulary<string>[] = [channels, categories, stages, letterKinds, resolutions, warningLevels];
    for (const vocabulary of all) {
      for (const code of vocabulary.values) {
        expect(code).toMatch(/^[a-z0-9_]+$/);
        expect(vocabulary.labels[code]?.zh).toMatch(/\p{Script=Han}/u);
        expect(vocabulary.schema.safeParse(code).success).toBe(true);
      }
    }
    expect(categories.values).toContain('labor_relationship_confirmation');
    expect(categories.labels.withheld_deposit.zh).toBe('押金/保证金');
  });

  it('gives each letter kind exactly one issuing agency', () => {
    expect(Object.keys(letterIssuer).sort()).toEqual([...letterKinds.values].sort());
    expect(letterKinds.values.filter((k) => letterIssuer[k] === 'union')).toEqual(['reminder_letter', 'opinion_letter', 'recommendation_letter']);
  });

  it('shapes the actor and the metadata services write', () => {
    expect(actorSchema.safeParse({ agency: 'court', userId: 'u1', roles: ['liaison'] }).success).toBe(true);
    expect(actorSchema.safeParse({ agency: 'police', userId: 'u1', roles: [] }).success).toBe(false);
    const metadata = { schemaVersion: 2, actor: { agency: 'union', userId: 'u1' }, correlationId: 'c1', recordedAt: '2026-03-02T02:00:00Z' };
    expect(hubEventMetadataSchema.parse(metadata)).toEqual(metadata);
    expect(hubEventMetadataSchema.safeParse({ ...metadata, schemaVersion: 0 }).success).toBe(false);
  });
});
