/** The areas an action on a setting's action plan belongs to, and the due dates staff choose from (weeks). */
export const actionAreas = {
  safeguarding_welfare: 'Safeguarding and welfare requirements',
  learning_development: 'Learning and development',
  leadership_management: 'Leadership and management',
  eyfs_requirement: 'EYFS requirement',
  inclusion_send: 'Inclusion and SEND',
  business: 'Business and sustainability',
} as const;
export type ActionArea = keyof typeof actionAreas;
export const dueWeekOptions = [2, 4, 6, 8, 12] as const;
