import { addDays } from '../../platform/dates.js';

/** Red: overdue; amber: due within two weeks; green: otherwise; done and dropped are grey. */
export function ragFor(item: { status: string; due_date: string | null }, today: string): { text: string; classes: string } {
  if (item.status === 'done') return { text: 'Done', classes: 'govuk-tag--grey' };
  if (item.status === 'dropped') return { text: 'Dropped', classes: 'govuk-tag--grey' };
  if (!item.due_date) return { text: 'No date', classes: 'govuk-tag--blue' };
  if (item.due_date < today) return { text: 'Overdue', classes: 'govuk-tag--red' };
  return item.due_date <= addDays(today, 14) ? { text: 'Due soon', classes: 'govuk-tag--orange' } : { text: 'On track', classes: 'govuk-tag--green' };
}
