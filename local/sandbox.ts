import type http from 'node:http';
import type { ActivityTracker } from './activity';
import { BodyTooLargeError, sendBodyTooLarge, sendError } from './http';
import { BillingSandbox } from './sandbox-billing';
import { DocuSignSandbox } from './sandbox-docusign';

/** One HTTP server for both provider sandboxes: DocuSign under /docusign, billing under /billing. */
export function createSandbox(activity: ActivityTracker, docusign: DocuSignSandbox, billing: BillingSandbox): http.RequestListener {
  return (request, response) => {
    void activity.track(async () => {
      const { pathname } = new URL(request.url ?? '/', 'http://localhost');
      let handled = false;
      try {
        if (pathname === '/docusign' || pathname.startsWith('/docusign/')) handled = await docusign.handle(request, response, pathname.slice('/docusign'.length));
        else if (pathname === '/billing' || pathname.startsWith('/billing/')) handled = await billing.handle(request, response, pathname.slice('/billing'.length));
        if (!handled) sendError(response, 404, 'NOT_FOUND', `The sandbox has no route ${request.method} ${pathname}.`);
      } catch (error) {
        if (error instanceof BodyTooLargeError) return sendBodyTooLarge(response);
        console.error('sandbox:', error);
        if (!response.headersSent) sendError(response, 500, 'INTERNAL', 'The sandbox failed; see its log.');
      }
    });
  };
}
