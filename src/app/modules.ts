import type { ModuleDefinition } from '../platform/module.js';
import { actionPlansModule } from '../modules/action-plans/index.js';
import { auditLogModule } from '../modules/audit-log/index.js';
import { auditsModule } from '../modules/audits/index.js';
import { eventsModule } from '../modules/events/index.js';
import { complaintsModule } from '../modules/complaints/index.js';
import { bulletinsModule } from '../modules/bulletins/index.js';
import { calendarModule } from '../modules/calendar/index.js';
import { authModule } from '../modules/auth/index.js';
import { feeeModule } from '../modules/feee/index.js';
import { fundingModule } from '../modules/funding/index.js';
import { homeModule } from '../modules/home/index.js';
import { inclusionModule } from '../modules/inclusion/index.js';
import { notesModule } from '../modules/notes/index.js';
import { organisationModule } from '../modules/organisation/index.js';
import { ofstedImportModule } from '../modules/ofsted-import/index.js';
import { outboxModule } from '../modules/outbox/index.js';
import { pagesModule } from '../modules/pages/index.js';
import { pathwaysModule } from '../modules/pathways/index.js';
import { portalModule } from '../modules/portal/index.js';
import { strategyModule } from '../modules/strategy/index.js';
import { prospectiveModule } from '../modules/prospective/index.js';
import { sufficiencyModule } from '../modules/sufficiency/index.js';
import { providersModule } from '../modules/providers/index.js';
import { reportsModule } from '../modules/reports/index.js';
import { tasksModule } from '../modules/tasks/index.js';
import { usersModule } from '../modules/users/index.js';
import { visitsModule } from '../modules/visits/index.js';

/** Every module the service serves, lowest first (a module may use only those that come before it). */
export const modules: readonly ModuleDefinition[] = [
  pagesModule,
  auditLogModule,
  authModule,
  usersModule,
  organisationModule,
  homeModule,
  calendarModule,
  outboxModule,
  providersModule,
  portalModule,
  tasksModule,
  ofstedImportModule,
  pathwaysModule,
  visitsModule,
  actionPlansModule,
  notesModule,
  auditsModule,
  fundingModule,
  feeeModule,
  inclusionModule,
  strategyModule,
  sufficiencyModule,
  prospectiveModule,
  eventsModule,
  bulletinsModule,
  reportsModule,
  complaintsModule,
];
