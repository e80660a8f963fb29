import { z } from 'zod';
import type { TenantDb } from '../../db/tenant.js';
import { listTeams } from '../organisation/index.js';

/* What pathways need of the LA's organisation: who holds which job title, for allocation. */

export const officerSchema = z.object({ officerId: z.uuid({ error: 'Select the Childcare Sufficiency Officer' }) });

export async function staffTitles(tenant: TenantDb) {
  const teams = await listTeams(tenant);
  const titlesOf = new Map<string, string[]>();
  const holders = new Map<string, Set<string>>();
  const names = new Map<string, string>();
  const officerHolders = new Set<string>();
  for (const team of teams) {
    for (const j of team.jobTitles) {
      names.set(j.key, j.shortName || j.name);
      holders.set(j.key, new Set(j.members.map((m) => m.id)));
      for (const m of j.members) {
        titlesOf.set(m.id, [...(titlesOf.get(m.id) ?? []), j.shortName || j.name]);
        if (j.slots.includes('officer')) officerHolders.add(m.id);
      }
    }
  }
  // a title held by "the same person as" another (the Area SENCo is the EYIA) has that one's holders
  for (const team of teams) for (const j of team.jobTitles) if (j.samePersonAs && holders.has(j.samePersonAs)) holders.set(j.key, holders.get(j.samePersonAs)!);
  return { titlesOf, holders, names, officerHolders };
}
