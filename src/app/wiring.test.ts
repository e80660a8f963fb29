import { describe, expect, it } from 'vitest';
import { domainEvents } from '../platform/events.js';
import { navigationFor } from '../platform/navigation.js';
import type { CurrentUser } from '../platform/http-types.js';
import { providerPage } from '../modules/providers/index.js';
import { portalPage } from '../modules/portal/index.js';
import { workPage } from '../modules/tasks/index.js';
import { wireModules } from './wiring.js';

describe('the wired service', () => {
  it('reacts to each event in the order the README lists (wiring twice changes nothing)', () => {
    wireModules();
    wireModules();
    expect(domainEvents.listeners().map((l) => `${l.event} → ${l.listener.split(':')[0]}`)).toEqual([
      'register.providers-moved → pathways',
      'register.changes-recorded → pathways',
      'register.changes-recorded → funding',
      'pathway.closed → funding',
      'pathway.insufficient-improvement → funding',
      'visit.booked → visits',
      'visit.booked → portal',
      'visit.cancelled → visits',
    ]);
  });

  it("gives an administrator the whole navigation in the service's order", () => {
    const admin = { id: 'u', role: 'admin', laCode: '886', email: 'a@example.org', name: 'A' } as CurrentUser;
    expect(navigationFor(admin, '/').map((i) => i.text)).toEqual([
      'Home', 'My work', 'Visits', 'Team', 'Providers', 'Changes from Ofsted', 'Imports', 'Funding', 'Training', 'Provider updates', 'Complaints', 'Audit reports', 'Pathway templates', 'Audit templates', 'E-mails', 'Users', 'Audit log',
    ]);
    const provider = { ...admin, role: 'provider' } as CurrentUser;
    expect(navigationFor(provider, '/portal/EY1').map((i) => [i.text, i.active])).toEqual([['Home', false], ['Your setting', true]]);
  });

  it('builds the shared pages from the modules that own their parts', () => {
    expect(providerPage.sections.keys()).toEqual(['pathways', 'visits', 'training']);
    expect(providerPage.links.keys()).toEqual(['portal-access', 'audits', 'funding', 'feee-audits', 'documents', 'action-plan']);
    expect(providerPage.timeline.keys()).toEqual(['pathway-events', 'funding', 'audits', 'training']);
    expect(portalPage.sections.keys()).toEqual(['support', 'visits', 'action-plan', 'documents', 'setting', 'training', 'audits', 'notes', 'updates', 'complaints']);
    expect(workPage.myWork.keys()).toEqual(['contact-requests', 'setting-updates', 'my-visits', 'overdue-actions', 'caseload']);
    expect(workPage.taskKinds.keys()).toEqual(['note-returned', 'funding-decision', 'complaint']);
  });
});
