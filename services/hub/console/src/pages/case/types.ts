/**
 * The JSON the case page reads from the agency service, as `@hub/hub-service/wire` names it (the
 * agency service's own wire types): the case view and the command list. The hub's directory
 * entry is CaseEntry there too.
 */
import type { CommandList } from '@hub/hub-service/wire';

export type { CaseView, CommandList, RevealedWorker, WorkerView } from '@hub/hub-service/wire';

/** One act the user may give on the case now, with the values its fields may take. */
export type AvailableCommand = CommandList['commands'][number];
