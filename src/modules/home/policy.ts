import type { Permission } from '../../platform/permissions.js';

export const homePolicy = {
  view: 'home:view' as const satisfies Permission,
};
