import { z } from 'zod';

export const signInSchema = z.object({
  email: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z.string({ error: 'Enter your email address' }).min(1, 'Enter your email address').max(254, 'Enter a correct email address and password'),
  ),
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(1000, 'Enter a correct email address and password'),
  returnTo: z.string().optional(),
});

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: 'Enter your current password' }).min(1, 'Enter your current password'),
    newPassword: z
      .string({ error: 'Enter a new password' })
      .min(12, 'Your new password must be 12 characters or more')
      .max(256, 'Your new password must be 256 characters or fewer'),
    confirmPassword: z.string({ error: 'Confirm your new password' }).min(1, 'Confirm your new password'),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The passwords do not match',
  });

/**
 * Only a path on this service: a single leading slash, then no backslash, no control character
 * (browsers drop tabs and newlines, so "/\t/evil.example" would become "//evil.example") and
 * nothing that resolves to another origin. Anything else is the home page.
 */
export function safeReturnTo(value: string | undefined): string {
  if (!value || value.length > 2000 || !value.startsWith('/') || value.startsWith('//')) return '/';
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f-\u009f]/.test(value)) return '/';
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return '/';
  }
  // eslint-disable-next-line no-control-regex
  if (decoded.startsWith('//') || /[\\\u0000-\u001f\u007f-\u009f]/.test(decoded)) return '/';
  const base = 'http://ey-hub.invalid';
  const url = new URL(value, base);
  return url.origin === base ? value : '/';
}
