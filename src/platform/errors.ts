/** Errors a handler throws to get a proper error page rather than a 500. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

export class NotFoundError extends HttpError {
  constructor(message = 'Page not found') {
    super(404, message);
  }
}

export class ForbiddenError extends HttpError {
  constructor(message = 'You do not have permission to see this page') {
    super(403, message);
  }
}

/** The action cannot be done in the record's current state (the page says why). */
export class ConflictError extends HttpError {
  constructor(message: string) {
    super(409, message);
  }
}
