import { dateFromParts } from '../../platform/date-input.js';
import { formErrors, type FormErrors } from '../../platform/forms.js';
import { customPeriod, lastWholeQuarter, periodFromKey, type Period } from './periods.js';

/** The period a request names (`period=q-2026-07`, or custom dates), defaulting to the last whole quarter. */
export function periodOfRequest(query: Record<string, string | undefined>, today: string): { period: Period; errors: FormErrors | null } {
  if (query.period === 'custom' || query['from-day'] !== undefined) {
    const from = dateFromParts(query, 'from', 'first day', today, 'any');
    const to = dateFromParts(query, 'to', 'last day', today, 'any');
    const pairs: [string, string][] = [];
    if (from.error) pairs.push(['from-day', from.error]);
    if (to.error) pairs.push(['to-day', to.error]);
    if (!pairs.length && to.value! < from.value!) pairs.push(['to-day', 'The last day must be the same as or after the first day']);
    if (!pairs.length) return { period: customPeriod(from.value!, to.value!), errors: null };
    return { period: lastWholeQuarter(today), errors: formErrors(pairs) };
  }
  return { period: (query.period ? periodFromKey(query.period) : null) ?? lastWholeQuarter(today), errors: null };
}

