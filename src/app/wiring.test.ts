import { describe, expect, it } from 'vitest';
import { domainEvents } from '../platform/events.js';
import { adminSections, hubs, hubSections, navigationFor } from '../platform/navigation.js';
import type { CurrentUser } from '../platform/http-types.js';
import { providerPage } from '../modules/providers/index.js';
import { portalPage } from '../modules/portal/index.js';
import { workPage } from '../modules/tasks/index.js';
import { reportFigures } from '../platform/report-figures.js';
import { teamPage } from '../modules/pathways/index.js';
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
      'pathway.business-review-due → prospective',
      'visit.booked → visits',
      'visit.booked → portal',
      'visit.cancelled → visits',
    ]);
  });

  it("gives an administrator the whole navigation in the service's order", () => {
    const admin = { id: 'u', role: 'admin', laCode: '886', email: 'a@example.org', name: 'A' } as CurrentUser;
    // everyday work in the top bar; the rest grouped on the Admin page (issue 17.17)
    expect(navigationFor(admin, '/').map((i) => i.text)).toEqual(['Home', 'My work', 'Visits', 'Team', 'Providers', 'Changes from Ofsted', 'Funding', 'Inclusion', 'Sufficiency and strategy', 'Offer to providers', 'Reports', 'Audit reports', 'Admin']);
    // each team's areas behind one link, on a landing page of their own
    expect(hubs.slice(0, 2).map((hub) => [hub.text, hubSections(admin, hub).flatMap((s) => s.items.map((i) => i.text))])).toEqual([
      ['Sufficiency and strategy', ['Sufficiency', 'Prospective providers', 'Sustainability', 'Strategy']],
      ['Offer to providers', ['Training', 'Provider updates', 'Complaints', 'Complaints report']],
    ]);
    expect(navigationFor(admin, '/training/rules').filter((i) => i.active).map((i) => i.text)).toEqual(['Offer to providers']);
    const seniorLeader = { ...admin, role: 'viewer' } as CurrentUser;
    expect(navigationFor(seniorLeader, '/').map((i) => i.text)).toEqual(['Home', 'Sufficiency and strategy', 'Reports', 'Offer to providers', 'Audit reports']);
    expect(adminSections(admin).map((s) => [s.heading, s.items.map((i) => i.text)])).toEqual([
      ['Data from Ofsted', ['Imports']],
      ['Templates and rules', ['Pathway templates', 'Audit templates', 'Funding rules', 'Bank holidays']],
      ['People, e-mails and the audit log', ['E-mails', 'Users', 'Audit log']],
    ]);
    expect(navigationFor(admin, '/funding/rules').filter((i) => i.active).map((i) => i.text)).toEqual(['Admin']);
    const manager = { ...admin, role: 'manager' } as CurrentUser;
    expect(adminSections(manager).map((s) => [s.heading, s.items.map((i) => i.text)])).toEqual([['Data from Ofsted', ['Imports']], ['Templates and rules', ['Funding rules']]]);
    const adviser = { ...admin, role: 'adviser' } as CurrentUser;
    expect(navigationFor(adviser, '/').map((i) => i.text)).not.toContain('Admin');
    const provider = { ...admin, role: 'provider' } as CurrentUser;
    expect(navigationFor(provider, '/portal/EY1').map((i) => [i.text, i.active])).toEqual([['Home', false], ['Your setting', true]]);
  });

  it('builds the shared pages from the modules that own their parts', () => {
    expect(providerPage.sections.keys()).toEqual(['ofsted-data', 'pathways', 'visits', 'training', 'prospective']);
    expect(providerPage.links.keys()).toEqual(['ofsted-report', 'portal-access', 'audits', 'funding', 'feee-audits', 'documents', 'action-plan']);
    expect(providerPage.timeline.keys()).toEqual(['pathway-events', 'funding', 'audits', 'status-history', 'prospective', 'training', 'sustainability']);
    expect(portalPage.sections.keys()).toEqual(['support', 'visits', 'action-plan', 'documents', 'setting', 'training', 'audits', 'notes', 'vacancy-return', 'updates', 'inclusion', 'complaints']);
    expect(workPage.myWork.keys()).toEqual(['notes-qa', 'contact-requests', 'setting-updates', 'my-visits', 'overdue-actions', 'caseload']);
    expect(workPage.taskKinds.keys()).toEqual(['note-returned', 'funding-decision', 'inclusion-contact', 'complaint']);
    expect(reportFigures.keys()).toEqual([
      'providers.inspected', 'providers.good-or-better', 'providers.report-card', 'providers.good-trend',
      'pathways.became-good', 'pathways.days-to-good', 'pathways.new-registrations', 'pathways.sla', 'pathways.sla-by-owner', 'notes.sent-on-time',
      'pathways.visits', 'pathways.caseload', 'notes.sent', 'action-plans.completed', 'audits.completed', 'funding.decisions', 'feee.findings', 'strategy.rag',
    ]);
    expect(teamPage.sections.keys()).toEqual(['notes-qa']);
  });
});
