import type { Response } from 'express';

/** Sends a page with its status (a controller that answers other than 200 writes its own answer). */
export function sendPage(response: Response, status: number, page: string): void {
  response.status(status).type('html').send(page);
}

/** After a form's POST: the browser goes (GET) to `location`, so a reload does not post again. */
export function seeOther(response: Response, location: string): void {
  response.redirect(303, location);
}
