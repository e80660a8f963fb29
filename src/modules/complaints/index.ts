/**
 * Compliments and complaints (issue 22, Kent §7): so far the rules only (deadlines in working days
 * with the clock stopped and restarted, stage 2, who may open a record, the report's quarters).
 * The pages, the routing to the officer's manager and the register are still to come, so the
 * module is not yet in src/app/modules.ts.
 */
export { complaintDeadlines, defaultComplaintRules, mayOpen, quarterOf, stoppedWorkingDays, type ClockStop, type ComplaintDeadlines, type ComplaintRules } from './rules.js';
