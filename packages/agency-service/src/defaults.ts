import type { AgencyId } from '@hub/contracts';

const DEFAULTS: { readonly [A in AgencyId]: { port: number; name: string } } = {
  union: { port: 8081, name: 'union' },
  procuratorate: { port: 8082, name: 'procuratorate' },
  hr_bureau: { port: 8083, name: 'hr-bureau' },
  court: { port: 8084, name: 'court' },
};

/** Each agency's default port and service name (the name is also its package folder under services/). */
export function serviceDefaults(agency: AgencyId): { port: number; name: string } {
  return { ...DEFAULTS[agency] };
}
