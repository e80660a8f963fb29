import { z } from 'zod';
import { requiredText } from '../../platform/forms.js';
import { slots } from './structures.js';

const optionalText = (max: number) => z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().max(max, `This must be ${max} characters or fewer`));
const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);

export const teamSchema = z.object({
  name: requiredText('the team’s name', 120),
  description: optionalText(1000),
});

export const jobTitleSchema = z.object({
  name: requiredText('the job title', 120),
  shortName: optionalText(60),
  description: optionalText(1000),
  managesTeam: z.preprocess((v) => v === 'yes', z.boolean()),
  slots: z.preprocess(list, z.array(z.enum(slots))),
});

export const staffJobTitlesSchema = z.object({
  jobTitles: z.preprocess(list, z.array(z.string().uuid())),
});

/** A stable key from a name: "Senior Childcare Sufficiency Officer" → "senior_childcare_sufficiency_officer". */
export function keyFromName(name: string): string {
  const key = name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60);
  return /^[a-z]/.test(key) ? key : `t_${key || 'title'}`;
}
