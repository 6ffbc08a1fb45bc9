import type { AgencyBranding } from '../domain/agency-config';

const escapeXml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/**
 * The bundled logo: a check mark in the brand colour and the agency's short name. Drawn from the
 * configuration rather than shipped as a file, so it reaches every bundle and follows a rebrand.
 */
export function bundledLogoSvg(branding: Pick<AgencyBranding, 'name' | 'shortName' | 'brandColour'>): string {
  const shortName = escapeXml(branding.shortName);
  // Wide enough for the name at this size without measuring text (about 0.62 em a character, bold).
  const width = Math.ceil(64 + branding.shortName.length * 12.5);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="48" viewBox="0 0 ${width} 48" role="img" aria-label="${escapeXml(branding.name)}">`,
    `<title>${escapeXml(branding.name)}</title>`,
    `<rect width="48" height="48" rx="10" fill="${branding.brandColour}"/>`,
    '<path d="M13 25l7.5 7.5L35.5 16" fill="none" stroke="#ffffff" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"/>',
    `<text x="60" y="32" font-family="Helvetica, Arial, sans-serif" font-size="20" font-weight="700" fill="#1a1a1a">${shortName}</text>`,
    '</svg>',
  ].join('');
}
