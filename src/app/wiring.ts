import { domainEvents } from '../platform/events.js';
import { navigation } from '../platform/navigation.js';
import { modules } from './modules.js';
import { wireReactions } from './reactions.js';

let wired = false;

/**
 * Wires the modules together once per process: the reactions to events (./reactions.ts), each
 * module's navigation items and its contributions to other modules' registries. Called by
 * createApp and by every command (import, seed) that runs module code without the web app.
 */
export function wireModules(): void {
  if (wired) return;
  wired = true;
  wireReactions(domainEvents);
  for (const m of modules) {
    for (const item of m.navigation ?? []) navigation.add(`${m.name}:${item.href}`, item, item.order);
    m.contribute?.();
  }
}
