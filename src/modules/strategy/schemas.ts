import { z } from 'zod';
import { requiredText } from '../../platform/forms.js';
import { dutyLabels, engagementKinds, ragLabels } from './rules.js';
import type { Duty, Rag } from './tables.js';

const optionalText = (max: number) => z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().max(max, `This must be ${max} characters or fewer`));
const list = (v: unknown) => (Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : []);
const rag = z.enum(Object.keys(ragLabels) as [Rag, ...Rag[]], { error: 'Select the RAG status' });

export const recommendationSchema = z.object({
  headingId: z.string({ error: 'Select the heading' }).uuid('Select the heading'),
  title: requiredText('the recommendation', 500),
  detail: optionalText(4000),
  duties: z.preprocess(list, z.array(z.enum(Object.keys(dutyLabels) as [Duty, ...Duty[]])).min(1, 'Select at least one statutory duty')),
  owner: requiredText('who owns the recommendation', 200),
  rag,
  comment: optionalText(2000),
});

export const updateSchema = z.object({
  rag,
  comment: requiredText('what has changed', 2000),
  owner: requiredText('who owns the recommendation', 200),
});

export const headingSchema = z.object({ name: requiredText('the heading', 120) });

export const engagementSchema = z.object({
  kind: z.enum(Object.keys(engagementKinds) as [string, ...string[]], { error: 'Select the kind of engagement' }),
  title: requiredText('a title', 300),
  summary: optionalText(8000),
  recommendationIds: z.preprocess(list, z.array(z.string().uuid())),
});
