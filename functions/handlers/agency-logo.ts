import { httpHandler } from '../http/http-handler';
import { bundledLogoSvg } from '../http/logo';
import { agency } from '../wiring/agency';

/** Drawn once per container from the branding. */
const logo = bundledLogoSvg(agency.branding);

/** The agency's bundled logo, which every page shows unless AGENCY_LOGO_URL names another. */
export const handler = httpHandler(async () => ({
  statusCode: 200,
  headers: {
    'content-type': 'image/svg+xml; charset=utf-8',
    // A day: the logo changes only with a redeploy, and every page of the day loads it.
    'cache-control': 'public, max-age=86400',
    // Opened on its own, an SVG is a document: it may run nothing and load nothing.
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  },
  body: logo,
}));
