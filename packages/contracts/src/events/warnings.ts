import { z } from 'zod';
import type { AgencyId } from '../agencies.js';
import { registeredEmployerSchema } from '../parties.js';
import { warningLevels } from '../vocabulary.js';
import { bilingual, strictError, textSchema, uuidSchema } from '../values/common.js';
import { regionCodeSchema } from '../values/regionCode.js';
import { defineEvent } from './define.js';

/** The monitoring platforms that raise 分级预警 are run by the union and the HR bureau. */
const WATCHERS: readonly AgencyId[] = ['union', 'hr_bureau'];

export const employerWarningRaised = defineEvent({
  type: 'EmployerWarningRaised',
  version: 1,
  data: z.strictObject(
    {
      warningId: uuidSchema,
      employer: registeredEmployerSchema,
      level: warningLevels.schema,
      reasons: z
        .array(textSchema(500))
        .min(1, { error: bilingual('至少一条预警原因', 'at least one reason') })
        .max(20),
      region: regionCodeSchema,
    },
    strictError,
  ),
  label: { zh: '用人单位预警', en: 'Employer warning raised' },
  recordedBy: WATCHERS,
});

export const employerWarningResolved = defineEvent({
  type: 'EmployerWarningResolved',
  version: 1,
  data: z.strictObject({ warningId: uuidSchema, resolution: textSchema(2000) }, strictError),
  label: { zh: '预警解除', en: 'Employer warning resolved' },
  recordedBy: WATCHERS,
});
