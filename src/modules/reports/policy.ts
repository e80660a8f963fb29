import type { Role } from '../../db/types.js';
import type { Permission } from '../../platform/permissions.js';
import type { ReportSettings } from './repository.js';

/** Every member of staff reads the reports; Senior Improvement Advisers and administrators write the narrative and the settings. */
export const view: Permission = 'reports:view';
export const manage: Permission = 'reports:manage';

/** Staff see the providers behind a figure; the senior-leader role sees counts, and names only where the authority allows it. */
export function canSeeNames(role: Role, settings: ReportSettings): boolean {
  return role !== 'viewer' || settings.viewerSeesNames;
}
