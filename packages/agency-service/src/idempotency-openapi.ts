import type { RouteDescription } from '@hub/service-kit';
import { z } from 'zod';
import { IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_PATTERN, REPLAYED_HEADER } from './idempotency.js';

type Responses = RouteDescription['responses'];

/** What every POST that appends says about retries: one text, so the routes cannot describe it differently. */
const KEY_SEMANTICS =
  'Optional; strongly advised for every command a client may send again (a timeout, a reset connection). ' +
  'The events a request appends record the key and a hash of the request (who asks, what, of which case or meeting, the body). ' +
  'Sent again with the same key and the same request, the command is not decided again: the answer is the first answer ' +
  `(same status and body, with \`${REPLAYED_HEADER}: true\`), even if the case has moved on since, and a copy in flight at ` +
  'the same time appends nothing twice. The same key with a different request is refused with 422 ' +
  '`idempotency-key-reused`, nothing written. A key names one request of this agency on one case, meeting or warning ' +
  '(on POST /api/cases, /api/meetings, /api/warnings it also fixes the id of what is created); use a new key, a UUID, for each new request. ' +
  'Without a key, the identical command naming an entity id that is already taken (a transfer-lead resent with its `leadId`) ' +
  'also gets the first answer; a different command naming that id keeps its 409 `CHAIN.duplicate-id`.';

export const idempotencyHeaders: NonNullable<RouteDescription['headers']> = [
  {
    name: IDEMPOTENCY_HEADER,
    description: KEY_SEMANTICS,
    schema: z.string().regex(IDEMPOTENCY_KEY_PATTERN).min(1).max(128),
  },
];

/** The answer headers and the 422 every such route may give; merged into its own responses. */
export function idempotentResponses(responses: Responses): Responses {
  const success = Object.keys(responses).find((status) => status.startsWith('2'));
  const withHeader =
    success === undefined
      ? {}
      : {
          [success]: {
            ...responses[success]!,
            headers: {
              [REPLAYED_HEADER]: {
                description: '`true` when this is the first answer repeated for a retry: nothing was appended this time',
                schema: z.literal('true'),
              },
            },
          },
        };
  return {
    ...responses,
    ...withHeader,
    400: { description: `${responses['400']?.description ?? 'Invalid body'}; or a malformed ${IDEMPOTENCY_HEADER} (\`errors[].path: ${IDEMPOTENCY_HEADER}\`)` },
    422: { description: `The ${IDEMPOTENCY_HEADER} was already used for a different request (\`idempotency-key-reused\`); nothing written` },
  };
}
