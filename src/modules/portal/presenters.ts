import type { ActionStatus } from '../../db/types.js';
import { actionStatusLabels } from '../action-plans/repository.js';

/** The portal's "Update an action" page (status, comment; evidence is added below it). */
export function actionPage(provider: { urn: string; name: string | null }, item: { id: string; action: string }) {
  return {
    title: 'Update an action', caption: provider.name ?? 'Your setting', action: `/portal/${provider.urn}/actions/${item.id}`, backHref: `/portal/${provider.urn}`,
    intro: item.action, submitText: 'Save',
    fields: [
      { type: 'radios', name: 'status', label: 'How is it going?', items: (['not_started', 'in_progress', 'done'] as ActionStatus[]).map((s) => ({ value: s, text: actionStatusLabels[s] })) },
      { type: 'textarea', name: 'comment', label: 'What have you done?', hint: 'Your adviser reads this. Say what you did and what it changed.' },
    ],
  };
}
