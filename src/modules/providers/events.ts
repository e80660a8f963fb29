/** Which Ofsted change records a batch holds: every change of an import, or the few a member of staff entered. */
export type ChangeSelection = { importId: string } | { changeIds: readonly string[]; laCode: string };

declare module '../../platform/events.js' {
  interface DomainEvents {
    /**
     * New facts about providers were recorded as change records (`ofsted_changes`): a new inspection
     * outcome, a new registration, a registration ended or suspended, enforcement. Published by an
     * Ofsted import (thousands at once, so the event names the batch, not each change) and by staff
     * entering an outcome or enforcement on the provider page.
     */
    'register.changes-recorded': { changes: ChangeSelection };
    /**
     * The national data placed providers in another local authority than EY Hub held them in: the
     * import's `moved_la` change records (one for the authority left, one for the one joined) name
     * them. Published before `register.changes-recorded`, so casework is handed over first (ADR 0013).
     */
    'register.providers-moved': { importId: string };
  }
}
