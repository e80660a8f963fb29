import { z } from 'zod';
import { roles } from '../../db/types.js';

const trimmed = (s: unknown) => (typeof s === 'string' ? s.replace(/\u00a0/g, ' ').trim() : s);

export const roleSchema = z.enum(roles, { error: 'Select a role' });

export const newUserSchema = z.object({
  name: z.preprocess(
    trimmed,
    z.string({ error: 'Enter their full name' }).min(1, 'Enter their full name').max(200, 'Name must be 200 characters or fewer'),
  ),
  email: z.preprocess(
    trimmed,
    z
      .string({ error: 'Enter their email address' })
      .min(1, 'Enter their email address')
      .max(254, 'Email address must be 254 characters or fewer')
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'Enter an email address in the correct format, like name@example.org'),
  ),
  role: roleSchema,
});

export const changeRoleSchema = z.object({ role: roleSchema });

export const userSearchSchema = z.object({
  q: z.preprocess(trimmed, z.string().max(200).optional()),
  page: z.string().optional(),
});
