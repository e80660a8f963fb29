import type { TenantDb } from '../../db/tenant.js';
import type { ActionContext } from '../../platform/context.js';
import { SectionRegistry } from '../../platform/page-sections.js';
import type { Permission } from '../../platform/permissions.js';
import { Registry } from '../../platform/registry.js';

/** The provider a section of the provider page is about. */
export interface ProviderSubject {
  urn: string;
  name: string | null;
  redacted: boolean;
}

/** A line of links to a module's pages about the provider, with an optional tag ("2 overdue"). */
export interface ProviderLinks {
  links: (urn: string) => { text: string; href: string }[];
  tag?: (ctx: ActionContext, urn: string) => Promise<{ text: string; classes: string } | null>;
}

/** A button under the links ("Start a support pathway"). */
export interface ProviderAction {
  text: string;
  href: (urn: string) => string;
  permission?: Permission;
}

/** Support given to the setting, for the provider's timeline: what happened and when (title "Support" and source "EY Hub" unless given). */
export type TimelineSource = (tenant: TenantDb, urn: string) => Promise<{ at: Date; summary: string; title?: string; source?: string }[]>;

/** What other modules add to the provider page (wired in src/app/contributions.ts). */
export const providerPage = {
  sections: new SectionRegistry<ProviderSubject>('provider page sections'),
  links: new Registry<ProviderLinks>('provider page links'),
  actions: new Registry<ProviderAction>('provider page buttons'),
  timeline: new Registry<TimelineSource>('provider timeline'),
};
