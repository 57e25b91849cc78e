import type { AgencyId, Party } from '@hub/contracts';

/**
 * Who records an answer for a party (a letter's reply, an item's report) and who is chased
 * when it is late: the party itself when it is one of the hub's agencies, else whoever sent
 * the matter — an enterprise or another body has no service here.
 */
export function answeringAgency(party: Party, sender: AgencyId): AgencyId {
  return party.kind === 'agency' && party.agencyId !== undefined ? party.agencyId : sender;
}

/** The name to show beside the agency when the party must act but is not on the hub. */
export function outsideParty(party: Party): { party: string } | Record<string, never> {
  return party.kind === 'agency' && party.agencyId !== undefined ? {} : { party: party.name };
}
