import type { FastifyError, FastifyInstance } from 'fastify';
import { render } from './views.js';

const titles: Record<number, string> = {
  400: 'There is a problem with your request',
  401: 'You need to sign in',
  403: 'You do not have permission to see this page',
  404: 'Page not found',
  413: 'The file or form you sent is too large',
  415: 'The form could not be read',
  409: 'This cannot be done now',
  429: 'Too many attempts',
  500: 'Sorry, there is a problem with the service',
};

const nextSteps: Record<number, string> = {
  403: 'Your role does not include this page. If you need it for your work, ask your administrator.',
};

/** Error pages, never a stack trace: 4xx says what went wrong, 5xx is logged in full. */
export function registerErrorPages(app: FastifyInstance): void {
  app.setNotFoundHandler(async (request, reply) => {
    return render(request, reply, 'errors/404.njk', { title: titles[404] }, 404);
  });

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    let status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    let message = error.message;
    if (error.code?.startsWith('FST_CSRF')) {
      status = 403;
      message = 'The form you sent has expired or was not sent from this service. Go back, refresh the page and try again.';
    }
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      message = 'Try again later. If the problem continues, contact your administrator.';
    } else {
      request.log.warn({ code: error.code, status, url: request.url }, error.message);
    }
    const title = titles[status] ?? titles[400];
    // the heading already says it: the body says what to do instead of saying it again
    if (message === title || !message) message = nextSteps[status] ?? '';
    return render(request, reply, status === 404 ? 'errors/404.njk' : 'errors/error.njk', { title, message, status }, status);
  });
}
