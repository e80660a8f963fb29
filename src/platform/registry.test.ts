import { describe, expect, it } from 'vitest';
import { Registry } from './registry.js';

describe('registries', () => {
  it('lists entries by their order, whatever order the modules added them in', () => {
    const r = new Registry<string>('links');
    r.add('funding', 'Funding eligibility', 30);
    r.add('portal', 'Portal access', 10);
    r.add('audits', 'Audits', 20);
    expect(r.list()).toEqual(['Portal access', 'Audits', 'Funding eligibility']);
    expect(r.keys()).toEqual(['portal', 'audits', 'funding']);
  });

  it('refuses the same key twice (a module wired twice would show everything twice)', () => {
    const r = new Registry<string>('links');
    r.add('portal', 'Portal access');
    expect(() => r.add('portal', 'Portal access')).toThrow('links: portal is already registered');
  });
});
