import { z } from 'zod';
import { reportCardAreas } from '../vocabulary/index.js';
import { enforcementLabels, outcomeLabels, reportCardLabels } from './presenters.js';

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);

export const inspectionSchema = z
  .object({
    kind: z.enum(['full', 'ncor', 'ccr'], { error: 'Select the type of inspection' }),
    overall: z.preprocess(trimmed, z.enum(Object.keys(outcomeLabels) as [string, ...string[]]).optional().or(z.literal(''))),
    safeguarding: z.enum(['met', 'not_met', '']).optional(),
    ...Object.fromEntries(
      reportCardAreas.map((a) => [`rc_${a.key}`, z.enum(['', ...Object.keys(reportCardLabels)] as [string, ...string[]]).optional()]),
    ),
  })
  .refine((v) => v.overall || reportCardAreas.some((a) => (v as Record<string, unknown>)[`rc_${a.key}`]), {
    path: ['overall'],
    message: 'Select the overall outcome, or enter the report card grades',
  });

export const enforcementSchema = z.object({
  eventType: z.enum(Object.keys(enforcementLabels) as [string, ...string[]], { error: 'Select the type of enforcement or status event' }),
  details: z.preprocess(trimmed, z.string().max(2000, 'Details must be 2,000 characters or fewer').optional()),
});

export { validateDatedForm } from '../../platform/date-input.js';
