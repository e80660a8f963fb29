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

export const durations = { '60': '1 hour', '90': '1 hour 30 minutes', '120': '2 hours', '180': '3 hours', '210': 'Half a day' } as const;

export const bookSchema = z.object({
  time: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Select the start time')),
  duration: z.enum(Object.keys(durations) as [keyof typeof durations], { error: 'Select how long the visit is' }),
  location: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().min(1, 'Enter where the visit is, for example At the setting or Online').max(300, 'Where must be 300 characters or fewer')),
  agenda: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().max(2000, 'The agenda must be 2,000 characters or fewer')),
  inviteEmail: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.union([z.literal(''), z.email({ error: 'Enter the setting’s e-mail address in the correct format, like name@example.com' })])),
  accompanying: z.preprocess((v) => (v === undefined ? [] : ([] as unknown[]).concat(v)), z.array(z.uuid({ error: 'Select accompanying staff from the list' })).max(10)),
});

/** Checkbox items for "Accompanying staff": everyone who can visit but the lead. */
export function accompanyingItems(staff: { id: string; name: string }[], leadId: string | null, chosen: unknown): { value: string; text: string; checked: boolean }[] {
  const picked = new Set(([] as unknown[]).concat(chosen ?? []).map(String));
  return staff.filter((u) => u.id !== leadId).map((u) => ({ value: u.id, text: u.name, checked: picked.has(u.id) }));
}

/** Start times on the half hour, 8am to 6pm, as the booking forms offer them. */
export const startTimes = Array.from({ length: 21 }, (_, i) => {
  const minutes = 8 * 60 + i * 30;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return { value: `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`, text: `${h > 12 ? h - 12 : h}:${String(m).padStart(2, '0')}${h >= 12 ? 'pm' : 'am'}` };
});
