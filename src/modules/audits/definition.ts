import { z } from 'zod';

/*
 * An audit template, as data: sections → items, each item with a prompt, optional guidance, a source
 * reference ("EYFS 3.68") and a response type; scales belong to the template. Templates are versioned
 * per LA, exported and imported as this JSON.
 */

const key = z.string().regex(/^[a-z0-9_]+$/, 'Keys use lower-case letters, digits and underscores').max(60);
const words = (max: number) => z.string().trim().min(1).max(max);

export const scalePointSchema = z.object({ value: key, label: words(80), low: z.boolean().default(false) });
export const scaleSchema = z.object({
  key,
  label: words(120),
  /** worst first, best last */
  points: z.array(scalePointSchema).min(2).max(10),
  /** the values are numbers (SSTEW's 1-7): show the mean as well as the percentage */
  numeric: z.boolean().default(false),
});

export const responseTypes = ['rating', 'yes_no', 'text', 'evidence'] as const;
export type ResponseType = (typeof responseTypes)[number];

export const itemSchema = z.object({
  key,
  prompt: words(600),
  guidance: z.string().trim().max(4000).optional(),
  source: z.string().trim().max(120).optional(),
  /** "what good looks like" examples */
  examples: z.array(words(1000)).max(20).optional(),
  response: z.enum(responseTypes),
  scale: key.optional(),
  /** a low answer offers "add to action plan" */
  actionIfLow: z.boolean().default(true),
});

export const sectionSchema = z.object({ key, title: words(200), guidance: z.string().trim().max(6000).optional(), items: z.array(itemSchema).min(1).max(60) });

export const templateSchema = z
  .object({
    key,
    name: words(200),
    description: z.string().trim().max(4000).default(''),
    /** who may complete it: staff at a visit, the setting as a self-assessment in the portal, or both */
    completedBy: z.enum(['staff', 'setting', 'both']),
    /** the action-plan area for actions raised from low answers */
    actionArea: z.enum(['safeguarding_welfare', 'learning_development', 'leadership_management', 'eyfs_requirement', 'inclusion_send', 'business']).default('learning_development'),
    /** visit-plan wording that suggests this audit (lower case), e.g. "sstew audit" */
    suggestedBy: z.array(z.string().trim().toLowerCase().min(3).max(120)).default([]),
    scales: z.array(scaleSchema).max(10).default([]),
    sections: z.array(sectionSchema).min(1).max(30),
  })
  .superRefine((t, ctx) => {
    const scales = new Set(t.scales.map((s) => s.key));
    const keys = new Set<string>();
    t.sections.forEach((section, s) =>
      section.items.forEach((item, i) => {
        const path = ['sections', s, 'items', i];
        if (keys.has(item.key)) ctx.addIssue({ code: 'custom', path: [...path, 'key'], message: `Item key "${item.key}" is used twice` });
        keys.add(item.key);
        if (item.response === 'rating' && (!item.scale || !scales.has(item.scale))) ctx.addIssue({ code: 'custom', path: [...path, 'scale'], message: `Item "${item.key}" needs one of the template's scales` });
      }),
    );
  });

export type AuditTemplate = z.infer<typeof templateSchema>;
export type AuditSection = z.infer<typeof sectionSchema>;
export type AuditItem = z.infer<typeof itemSchema>;
export type Scale = z.infer<typeof scaleSchema>;

/** yes / partly / no / not applicable: the fixed scale of `yes_no` items */
export const yesNoPoints = [
  { value: 'no', label: 'No', low: true },
  { value: 'partly', label: 'Partly', low: true },
  { value: 'yes', label: 'Yes', low: false },
] as const;
export const NOT_APPLICABLE = 'na';

/** Parses a template; the message names the first problem's place in the JSON. */
export function parseTemplate(json: unknown): { ok: true; template: AuditTemplate } | { ok: false; message: string } {
  const result = templateSchema.safeParse(json);
  if (result.success) return { ok: true, template: result.data };
  const issue = result.error.issues[0]!;
  return { ok: false, message: `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}` };
}
