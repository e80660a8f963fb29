import type { Permission } from '../../platform/permissions.js';

export const pathwaysPolicy = {
  view: 'pathways:view' as const satisfies Permission,
  /** cancel a visit, record a concern about children's safety */
  work: 'pathways:work' as const satisfies Permission,
  /** the Senior Improvement Adviser's decisions: start, allocate, pause, close, insufficient improvement */
  manage: 'pathways:manage' as const satisfies Permission,
  templates: 'templates:manage' as const satisfies Permission,
};
