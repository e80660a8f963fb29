import type { ActionContext } from './context.js';
import type { Permission } from './permissions.js';
import { roleCan } from './permissions.js';
import { Registry } from './registry.js';

/*
 * Pages that many modules feed (the provider page, the portal's setting page, My work) are built
 * from sections: each module that has something to show registers a section, which loads its own
 * data and names the template (in its own views/) that shows it. The page includes the templates
 * in order and knows nothing of the contributors' tables.
 */

/** What a section shows: its template (a path under src/modules) and the data it reads as `section`. */
export interface RenderedSection {
  /** null: the section adds to the page's other parts (the portal's "What to do next") but shows nothing of its own */
  template: string | null;
  data: Record<string, unknown>;
}

export interface Section<Subject, R extends RenderedSection = RenderedSection> {
  /** who may see it; absent: everyone who can open the page */
  permission?: Permission;
  /** null: nothing to show */
  load(ctx: ActionContext, subject: Subject): Promise<R | null>;
}

export class SectionRegistry<Subject, R extends RenderedSection = RenderedSection> extends Registry<Section<Subject, R>> {
  /** Every section the user may see that has something to show, in order (loaded together). */
  async render(ctx: ActionContext, subject: Subject): Promise<R[]> {
    const visible = this.list().filter((s) => !s.permission || roleCan(ctx.user.role, s.permission));
    const loaded = await Promise.all(visible.map((s) => s.load(ctx, subject)));
    return loaded.filter((s): s is Awaited<R> => s !== null);
  }
}
