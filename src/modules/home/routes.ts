import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../platform/errors.js';
import { hubs, hubSections } from '../../platform/navigation.js';
import { render } from '../../platform/views.js';
import { homePolicy } from './policy.js';

/** What each role comes to EY Hub for, in the seeds' words. */
const roleIntroductions = {
  admin: 'Manage who can use EY Hub for your local authority and check the audit log.',
  manager: 'As Senior Improvement Adviser you receive Ofsted outcomes, allocate settings to advisers and quality-assure notes of visit.',
  adviser: 'As Improvement Adviser you visit settings, write notes of visit and support their action plans.',
  officer: 'Support settings with sufficiency, sustainability, funding (FEEE) and inclusion.',
  viewer: 'See reports on the quality of early years and childcare in your area.',
  provider: 'See your setting’s record, your support and your action plan.',
} as const;

export function homeRoutes() {
  return async (app: FastifyInstance) => {
    app.get('/', { config: { permission: homePolicy.view } }, async (request, reply) => {
      const user = request.user;
      if (user?.role === 'provider') return reply.redirect('/portal', 303);
      return render(request, reply, 'home/views/home.njk', {
        introduction: user ? roleIntroductions[user.role] : '',
      });
    });

    // the pages the top bar groups under one link ("Admin" and the teams' hubs), under headings (only those the user may open)
    for (const hub of hubs) {
      app.get(hub.href, { config: { permission: homePolicy.view } }, async (request, reply) => {
        const sections = request.user ? hubSections(request.user, hub) : [];
        if (!sections.length) throw new NotFoundError();
        return render(request, reply, 'home/views/admin.njk', { hub, sections });
      });
    }
  };
}
