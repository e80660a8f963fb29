import { SectionRegistry, type RenderedSection } from '../../platform/page-sections.js';
import type { ownProvider } from './repository.js';

/** The setting a portal section is about (already checked to be the user's own). */
export type PortalSetting = Awaited<ReturnType<typeof ownProvider>>;

/** An item of the setting's "What to do next" list (GOV.UK task list item). */
export interface NextStep {
  title: { text: string };
  hint?: { text: string };
  href: string;
  status: { text: string } | { tag: { text: string; classes: string } };
}

export type PortalSection = RenderedSection & { nextSteps?: NextStep[] };

/** The sections of a setting's page in the portal (its support, visits, action plan, audits, notes), from the modules that own them. */
export const portalPage = {
  sections: new SectionRegistry<PortalSetting, PortalSection>('portal setting page sections'),
};
