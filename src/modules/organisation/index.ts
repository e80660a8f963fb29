import type { ModuleDefinition } from '../../platform/module.js';
import { auditRecordKinds } from '../audit-log/index.js';

/**
 * The LA's own organisation (issue 19.1): teams, job titles in each team, which staff hold which job
 * titles, and the job-title queues unowned work waits in. A permission role says what a person may
 * do; a job title says what work comes to them. The API other modules use:
 *
 * - `listTeams(tenant)`: every team with its job titles and the active staff holding each.
 * - `jobTitleByKey(tenant, key)`, `membersOf(tenant, key)`: a job title by its stable key ("sia",
 *   "ciso", "area_senco" …) and who holds it (a title held by "the same person as" another, such as
 *   Leicestershire's Area SENCo = the EYIA, answers with that one's holders).
 * - `inclusionRequestTitle(tenant)`: the job title whose queue takes a pathway's request for an
 *   inclusion visit (flagged in the LA's structure; ADR 0027), or undefined.
 * - `inInclusionTeam(eb, laCode, userId)`: a query condition that the person holds a job title in
 *   one of the LA's inclusion teams (teams flagged `inclusionTeam` in its structure).
 * - `jobTitlesOf(tenant, userId)`: what a member of staff is. `teamManagers(tenant, teamId)`,
 *   `managersOf(tenant, userId)`: who manages a team / a person.
 * - `queueIdsFor(db, laCode, userId, role)`: the queues a person works from.
 * - `routeTasks(db, rows, queueKeyOf?)`, `routeVisits(db, rows)`: fill the queue of work nobody owns
 *   (the tasks module's `saveTasks` and the pathway writer call these; to put a task in a named
 *   queue use `enqueueTask` of the tasks module).
 */
export { listTeams, getTeam, jobTitleByKey, inclusionRequestTitle, inInclusionTeam, membersOf, jobTitlesOf, teamManagers, managersOf, queueIdsFor, type JobTitle, type Team } from './repository.js';
export { routeTasks, routeVisits, visitSlot } from './routing.js';
export { ensureOrganisation, ensureOrganisationsOfStaffedLas, defaultStructure, slotLabels } from './structures.js';
export { organisationPolicy } from './policy.js';

export const organisationModule: ModuleDefinition = {
  name: 'organisation',
  routes: async ({ db, clock }) => {
    const { organisationRoutes } = await import('./routes.js');
    return [organisationRoutes({ db, clock })];
  },
  // reached from Users and Team rather than the service navigation, which is full
  contribute: () => {
    auditRecordKinds.add('org_team', { type: 'org_team', label: 'Team', href: (id) => `/organisation/teams/${id}/edit` });
    auditRecordKinds.add('org_job_title', { type: 'org_job_title', label: 'Job title', href: (id) => `/organisation/job-titles/${id}/edit` });
  },
};
