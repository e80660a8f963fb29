import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import type { TenantDb } from '../db/tenant.js';

/**
 * Domain events: facts a module announces ("an Ofsted outcome was recorded", "a visit was
 * booked") and other modules react to. Each module declares its own events in its `events.ts`
 * by adding to this interface (TypeScript declaration merging), so a publisher never imports a
 * listener and the payload types live with the module that owns the fact.
 *
 * Listeners run in the publisher's transaction, in the order they were wired
 * (`src/app/reactions.ts`), so a fact and everything it causes commit or roll back together.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DomainEvents {}

export type EventName = keyof DomainEvents;

/** Where a listener runs: the transaction (bare, for set-based engines) and, for a member of staff's or a setting's action, their scoped view of it. */
export interface EventContext {
  db: Kysely<DB>;
  tenant: TenantDb | null;
  now: Date;
}

export type Listener<K extends EventName> = (ctx: EventContext, event: DomainEvents[K]) => Promise<void>;

export type StepTimer = (step: string, ms: number) => void;

interface Subscription {
  event: EventName;
  listener: string;
  run: (ctx: EventContext, event: never) => Promise<void>;
}

export class EventBus {
  private readonly subscriptions: Subscription[] = [];

  /** `listener` names who reacts (module and what it does), for the README and error messages. */
  on<K extends EventName>(event: K, listener: string, run: Listener<K>): () => void {
    if (this.subscriptions.some((s) => s.event === event && s.listener === listener)) {
      throw new Error(`${listener} already listens to ${String(event)}`);
    }
    const subscription: Subscription = { event, listener, run: run as Subscription['run'] };
    this.subscriptions.push(subscription);
    return () => {
      const at = this.subscriptions.indexOf(subscription);
      if (at >= 0) this.subscriptions.splice(at, 1);
    };
  }

  /** `onStep` is told how long each listener took, by the part of its name before the colon (benchmarks). */
  async publish<K extends EventName>(ctx: EventContext, event: K, payload: DomainEvents[K], onStep?: StepTimer): Promise<void> {
    for (const s of this.subscriptions) {
      if (s.event !== event) continue;
      const started = performance.now();
      await s.run(ctx, payload as never);
      onStep?.(s.listener.split(':')[0]!, Math.round(performance.now() - started));
    }
  }

  /** Who listens to what, in the order they run. */
  listeners(): { event: EventName; listener: string }[] {
    return this.subscriptions.map(({ event, listener }) => ({ event, listener }));
  }

}

/** The one bus the service uses; `src/app/reactions.ts` wires it. */
export const domainEvents = new EventBus();

/** Announces a fact from a scoped action (staff or setting) inside its transaction. */
export function publishFrom<K extends EventName>(tenant: TenantDb, now: Date, event: K, payload: DomainEvents[K]): Promise<void> {
  return tenant.forJob((db) => domainEvents.publish({ db, tenant, now }, event, payload));
}

/** Announces a fact from a job (an import) inside its transaction. */
export function publishFromJob<K extends EventName>(db: Kysely<DB>, now: Date, event: K, payload: DomainEvents[K], onStep?: StepTimer): Promise<void> {
  return domainEvents.publish({ db, tenant: null, now }, event, payload, onStep);
}
