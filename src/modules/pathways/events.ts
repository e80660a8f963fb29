declare module '../../platform/events.js' {
  interface DomainEvents {
    /** Staff (or the setting, through the portal) closed a support pathway. */
    'pathway.closed': { laCode: string; urn: string; pathwayId: string; outcome: string; supportDeclined: boolean; disengaged: boolean };
    /** "If insufficient improvement is made SIA triggers process for withdrawal of funding" (Inadequate flow chart). */
    'pathway.insufficient-improvement': { laCode: string; urn: string; pathwayId: string; details: string };
    /** "Sufficiency and sustainability business review (SIA refers the setting)": a pathway reached its business-review step, due by `dueDate`. */
    'pathway.business-review-due': { laCode: string; urn: string; pathwayId: string; title: string; dueDate: string };
    /** A visit was booked, or a booked one moved. `inviteEmail`: the setting's address the invitation goes to. */
    'visit.booked': { visitId: string; urn: string; rebooked: boolean; start: Date; location: string; inviteEmail: string | null };
    /** A planned or booked visit was cancelled (and planned again). */
    'visit.cancelled': { visitId: string; urn: string; wasBooked: boolean; by: 'setting' | 'la' };
  }
}
export {};
