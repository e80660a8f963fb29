import { z } from 'zod';
import { reportCardGrades } from '../vocabulary/index.js';

/*
 * A pathway template is data: this is its shape. Admins edit it as a new
 * version; a running pathway keeps the version it started on.
 */

export const pathwayKinds = ['requires_improvement', 'inadequate', 'new_registration', 'good_or_better'] as const;
export type PathwayKind = (typeof pathwayKinds)[number];

export const ownerRoles = ['manager', 'adviser', 'officer'] as const;
export type OwnerRole = (typeof ownerRoles)[number];

export const cadences = ['fortnightly', 'monthly', 'bi-monthly', 'quarterly', 'annual'] as const;
export type Cadence = (typeof cadences)[number];

/** a job title of the LA's organisation, by its key (organisation module) */
const jobTitleKey = z.string().regex(/^[a-z][a-z0-9_]*$/);

const step = z.object({
  key: z.string().regex(/^[a-z_]+$/),
  title: z.string().min(1),
  /** who does it: the SIA (manager), the allocated Improvement Adviser or Childcare Sufficiency Officer */
  owner: z.enum(ownerRoles),
  /** working days after `after`; 0 means the same working day */
  workingDays: z.number().int().min(0).max(60),
  after: z.enum(['start', 'allocation', 'officer_allocation']),
  /** the job title whose queue gets this step (by key, e.g. "improvement_standards_manager"); else the owner's slot */
  jobTitle: jobTitleKey.optional(),
});
export type StepDefinition = z.infer<typeof step>;

const planRow = z.object({
  /** the visit numbers this focus text covers, e.g. [1, 2] for "Visit 1 & 2" */
  visits: z.array(z.number().int().min(1).max(99)).min(1),
  focus: z.string().min(1),
  /** the Senior Improvement Adviser accompanies the Improvement Adviser */
  withSia: z.boolean(),
});
export type PlanRow = z.infer<typeof planRow>;

const reportCardTrigger = z.object({
  /** any evaluation area graded one of these starts this pathway */
  anyAreaGraded: z.array(z.enum(reportCardGrades)),
  /** safeguarding "Not met" starts this pathway */
  safeguardingNotMet: z.boolean(),
  /** every other report card (used by the Good-or-better pathway) */
  otherwise: z.boolean(),
});

export const templateDefinition = z.object({
  name: z.string().min(1),
  source: z.string().min(1),
  summary: z.string().min(1),
  trigger: z.object({
    /** graded outcomes (EIF and earlier, Met / Not met) that start this pathway */
    outcomes: z.array(z.string()),
    reportCard: reportCardTrigger,
    /** a new registration (not a re-registration of a Good or better setting) starts this pathway */
    newRegistration: z.boolean(),
    /** a re-registration of a setting that was Good or better starts this pathway */
    reRegistration: z.boolean(),
  }),
  allocation: z.object({
    /** the SIA allocates an Improvement Adviser before visits are planned */
    required: z.boolean(),
    /** a Childcare Sufficiency Officer is allocated too */
    officer: z.boolean(),
    /** who allocates the lead (job title key), e.g. "sia" */
    allocatedBy: jobTitleKey.optional(),
    /** who may lead (job title keys): Leicestershire "an IA or CISO"; empty means any adviser */
    lead: z.array(jobTitleKey).default([]),
    /** who allocates the officer, when not the person allocating the lead: Kent's Senior CSO for a new registration */
    officerAllocatedBy: jobTitleKey.optional(),
  }),
  steps: z.array(step),
  visitPlan: z.object({
    /** visit cadences the SIA chooses from at allocation (the first is the default) */
    cadences: z.array(z.enum(cadences)).min(1),
    /** how many numbered visits to plan when the pathway is allocated */
    plannedVisits: z.number().int().min(0).max(40),
    rows: z.array(planRow),
    /** focus of visits beyond the numbered plan */
    furtherVisits: z.string().nullable(),
    /** the SIA accompanies the visits beyond the numbered plan (Inadequate: "Monthly Monitoring Visits: SIA accompanies IA") */
    furtherVisitsWithSia: z.boolean().default(false),
  }),
  /** the SIA's own review visits, e.g. quarterly */
  siaReviewEveryMonths: z.number().int().min(1).max(12).nullable(),
  /** the Childcare Sufficiency Officer's monthly monitoring where the report has actions for the management committee */
  officerMonitoring: z.boolean(),
  /**
   * The Annual Conversation Programme (Good or better): Leicestershire offers the visit prior to
   * inspection once the next inspection is due, this many months after the last one (a local
   * default: the seeds give no figure); null means one conversation every academic year.
   */
  programme: z.object({ windowAfterInspectionMonths: z.number().int().min(1).max(120).nullable() }).default({ windowAfterInspectionMonths: null }),
  exit: z.object({
    /** what is done when the next outcome is Good or better */
    step: z.string().nullable(),
  }),
});
export type TemplateDefinition = z.infer<typeof templateDefinition>;
export type TemplateSet = Partial<Record<PathwayKind, TemplateDefinition>>;

/** Which pathway wins when several could start from one outcome. */
export const severity: readonly PathwayKind[] = ['inadequate', 'requires_improvement', 'new_registration', 'good_or_better'];

export const kindLabels: Record<PathwayKind, string> = {
  requires_improvement: 'Requires improvement',
  inadequate: 'Inadequate',
  new_registration: 'New registration',
  good_or_better: 'Good or better (Annual Conversation)',
};

export const cadenceMonths: Record<Cadence, { days?: number; months?: number }> = {
  fortnightly: { days: 14 },
  monthly: { months: 1 },
  'bi-monthly': { months: 2 },
  quarterly: { months: 3 },
  annual: { months: 12 },
};
