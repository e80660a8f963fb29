import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from '../db/types.js';
import { EventBus } from './events.js';

declare module './events.js' {
  interface DomainEvents {
    'test.happened': { n: number };
  }
}

const ctx = { db: {} as Kysely<DB>, tenant: null, now: new Date('2026-12-04T09:00:00Z') };

describe('domain events', () => {
  it('runs every listener of the event, in the order they were wired, with the payload', async () => {
    const bus = new EventBus();
    const seen: string[] = [];
    bus.on('test.happened', 'pathways: first', async (_c, e) => void seen.push(`first ${e.n}`));
    bus.on('test.happened', 'funding: second', async (_c, e) => void seen.push(`second ${e.n}`));
    await bus.publish(ctx, 'test.happened', { n: 7 });
    expect(seen).toEqual(['first 7', 'second 7']);
    expect(bus.listeners()).toEqual([{ event: 'test.happened', listener: 'pathways: first' }, { event: 'test.happened', listener: 'funding: second' }]);
  });

  it("a listener's failure fails the publish (so the publisher's transaction rolls back) and later listeners do not run", async () => {
    const bus = new EventBus();
    const seen: string[] = [];
    bus.on('test.happened', 'a: fails', async () => {
      throw new Error('no');
    });
    bus.on('test.happened', 'b: after', async () => void seen.push('after'));
    await expect(bus.publish(ctx, 'test.happened', { n: 1 })).rejects.toThrow('no');
    expect(seen).toEqual([]);
  });

  it('times each listener by its module for the benchmarks, and can be unwired', async () => {
    const bus = new EventBus();
    const off = bus.on('test.happened', 'pathways: start pathways', async () => undefined);
    const steps: string[] = [];
    await bus.publish(ctx, 'test.happened', { n: 1 }, (step) => steps.push(step));
    expect(steps).toEqual(['pathways']);
    off();
    expect(bus.listeners()).toEqual([]);
    expect(() => {
      bus.on('test.happened', 'x: once', async () => undefined);
      bus.on('test.happened', 'x: once', async () => undefined);
    }).toThrow('x: once already listens to test.happened');
  });
});
