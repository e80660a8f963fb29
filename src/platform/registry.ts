/**
 * A registry: a page or job that many modules feed (the provider timeline, My work, the portal's
 * setting page, the navigation, the audit-log record kinds) declares one, and each module adds its
 * entries when the service is wired (`src/app/contributions.ts`). The page knows the entry's shape,
 * never the contributor's tables.
 */
export class Registry<T> {
  private readonly entries: { key: string; order: number; entry: T }[] = [];

  constructor(readonly name: string) {}

  add(key: string, entry: T, order = 100): void {
    if (this.entries.some((e) => e.key === key)) throw new Error(`${this.name}: ${key} is already registered`);
    this.entries.push({ key, order, entry });
    this.entries.sort((a, b) => a.order - b.order);
  }

  list(): T[] {
    return this.entries.map((e) => e.entry);
  }

  keys(): string[] {
    return this.entries.map((e) => e.key);
  }
}
