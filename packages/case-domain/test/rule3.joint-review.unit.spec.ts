import { describe, it } from 'vitest';
import { cmd, ctx, id, opened } from './support/fixtures.js';
import { given } from './support/given.js';

const review = (agencies: ('union' | 'procuratorate' | 'hr_bureau' | 'court')[], otherParticipants: string[] = []) =>
  cmd('HoldJointReview', { reviewId: id(), agencies, otherParticipants, conclusion: '由检察院制发检察建议', routeTo: 'supervision' });

describe('R3: a joint review needs at least two agencies', () => {
  it('two agencies, other bodies by name', () => {
    const command = review(['union', 'procuratorate'], ['区卫健委']);
    given([opened()])
      .when(command, ctx('union'))
      .thenAppends({
        type: 'JointReviewHeld',
        data: { agencies: ['union', 'procuratorate'], otherParticipants: ['区卫健委'], routeTo: 'supervision' },
      });
  });

  it('one agency is not joint, however many other bodies attend', () => {
    given([opened()])
      .when(review(['union'], ['区司法局', '区卫健委']), ctx('union'))
      .thenThrows('R3');
  });

  it('naming the same agency twice does not make two', () => {
    given([opened()])
      .when(review(['union', 'union']), ctx('union'))
      .thenThrows('R3');
  });

  it('R3.participant: the recording agency took part', () => {
    given([opened()])
      .when(review(['procuratorate', 'hr_bureau']), ctx('union'))
      .thenThrows('R3.participant');
  });
});
