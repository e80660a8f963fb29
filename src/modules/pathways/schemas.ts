import { z } from 'zod';
import { cadences, pathwayKinds } from './definition.js';

const text = (label: string, max = 2000) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().min(1, `Enter ${label}`).max(max, `${label[0]?.toUpperCase()}${label.slice(1)} must be ${max.toLocaleString('en-GB')} characters or fewer`));

export const reasonSchema = z.object({ reason: text('the reason') });
export const detailsSchema = z.object({ details: text('what happened') });

export const startSchema = z.object({
  kind: z.enum(pathwayKinds, { error: 'Select the pathway to start' }),
  reason: text('why you are starting it'),
});

export const closeOutcomes = {
  good_or_better: 'The setting reached Good or better',
  support_declined: 'Support declined by the setting',
  not_engaging: 'The setting did not engage',
  setting_closed: 'The setting closed or resigned its registration',
  other: 'Other',
} as const;

export const closeSchema = z.object({
  outcome: z.enum(Object.keys(closeOutcomes) as [keyof typeof closeOutcomes], { error: 'Select why the pathway is closing' }),
  details: text('the details'),
});

export const allocateSchema = z.object({
  adviserId: z.uuid({ error: 'Select the Improvement Adviser' }),
  officerId: z.union([z.uuid(), z.literal('')]).optional(),
  cadence: z.enum(cadences, { error: 'Select how often the adviser visits' }).optional(),
  managementActions: z.literal('yes').optional(),
});

export const cancelVisitSchema = z.object({
  by: z.enum(['setting', 'la'], { error: 'Select who cancelled the visit' }),
  reason: text('the reason'),
});

export const bookSchema = z.object({
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Select the start time'),
});
