/** Ready-made command data for hub specs: valid employers, a case opened by the union, ids. */
import { randomUUID } from 'node:crypto';
import type { CaseCommand, CommandData } from '@hub/case-domain';
import type { CommandName, RegisteredEmployer } from '@hub/contracts';

export const id = (): string => randomUUID();

export function cmd<N extends CommandName>(type: N, data: CommandData<N>): CaseCommand {
  return { type, data } as CaseCommand;
}

/** Valid USCCs (GB 32100 check character), fictional firms. */
export const EMPLOYERS: readonly RegisteredEmployer[] = [
  { name: '某危化品物流有限公司甲', uscc: '91330106MA2KQ7T39F' },
  { name: '某危化品物流有限公司乙', uscc: '91330110MA28CK4L5X' },
  { name: '某危化品物流有限公司丙', uscc: '91440300MA5FXJ1D49' },
  { name: '某危化品物流有限公司丁', uscc: '9131011578A9K2LPXJ' },
];

export function openCase(caseId: string, overrides: Partial<CommandData<'OpenCase'>> = {}): CaseCommand {
  return cmd('OpenCase', {
    caseId,
    channel: 'hotline_12351',
    category: 'wage_arrears',
    summary: '工地拖欠农民工工资',
    employers: [EMPLOYERS[0]!],
    workerCount: 3,
    workers: [],
    amountClaimedFen: 3_600_000,
    region: '330106',
    ...overrides,
  });
}
