import type { EventBus } from '../platform/events.js';
import { onInsufficientImprovement, onPathwayClosed, runFundingEngine } from '../modules/funding/index.js';
import { handOverMovedProviders, runPathwayEngine } from '../modules/pathways/index.js';
import { notifyVisitBooked } from '../modules/portal/index.js';
import { onBusinessReviewDue } from '../modules/prospective/index.js';
import { sendInvitation } from '../modules/visits/index.js';

/*
 * Who listens to what: every reaction of one module to another's event, in the order it runs.
 * Each runs in the publisher's transaction, so a fact and what it causes commit or roll back
 * together. The part of a listener's name before the colon is its module (benchmarks time it).
 */

function scoped<T>(tenant: T | null, event: string): T {
  if (!tenant) throw new Error(`${event} is published from a member of staff's or a setting's action`);
  return tenant;
}

export function wireReactions(bus: EventBus): void {
  // The national data moved providers to another local authority (published before the changes, ADR 0013)
  bus.on('register.providers-moved', 'pathways: close the pathways of providers that moved, tasks for both authorities', async ({ db, now }, e) => {
    await handOverMovedProviders(db, e.importId, now);
  });

  // An Ofsted import, or staff entering an outcome or enforcement
  bus.on('register.changes-recorded', 'pathways: start, switch or close support pathways', async ({ db, now }, e) => {
    await runPathwayEngine(db, e.changes, now);
  });
  bus.on('register.changes-recorded', 'funding: propose funding decisions for new outcomes, enforcement and registration changes', async ({ db, now }, e) => {
    await runFundingEngine(db, e.changes, now);
  });

  // Decisions on a pathway
  bus.on('pathway.closed', 'funding: propose withdrawal when support was declined or the setting did not engage', ({ db, now }, e) => onPathwayClosed(db, e, now));
  bus.on('pathway.insufficient-improvement', 'funding: propose withdrawal of FF2 funding', ({ db, now }, e) => onInsufficientImprovement(db, e, now));
  bus.on('pathway.business-review-due', 'prospective: open (or link) the setting’s sustainability case for the business review', async ({ db, now }, e) => {
    await onBusinessReviewDue(db, e, now);
  });

  // Visits
  bus.on('visit.booked', 'visits: send the setting the calendar invitation (or its update)', async ({ tenant, now }, e) => {
    await sendInvitation(scoped(tenant, 'visit.booked'), e.visitId, 'REQUEST', now);
  });
  bus.on('visit.booked', 'portal: e-mail the setting’s portal users', ({ tenant, now }, e) => notifyVisitBooked(scoped(tenant, 'visit.booked'), e, now));
  bus.on('visit.cancelled', 'visits: send the cancellation to a booked visit’s invitees', async ({ tenant, now }, e) => {
    if (e.wasBooked) await sendInvitation(scoped(tenant, 'visit.cancelled'), e.visitId, 'CANCEL', now);
  });
}
