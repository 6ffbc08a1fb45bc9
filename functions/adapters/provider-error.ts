/**
 * A provider's refusal, summarized: the status and the provider's error code, never its body, which
 * can echo what we sent (the client's name and email). The summary ends up in logs and on the placement.
 */
export class ProviderError extends Error {
  constructor(
    readonly provider: string,
    readonly status: number,
    readonly path: string,
    readonly code: string | undefined,
  ) {
    super(`${provider} answered ${status} for ${path}${code === undefined ? '' : ` (${code})`}`);
    this.name = 'ProviderError';
  }
}

/** The error code in a DocuSign (`errorCode`) or Stripe (`error.code` / `error.type`) error body, if it has one. */
export function providerErrorCode(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const record = parsed as { errorCode?: unknown; error?: unknown };
    const nested = typeof record.error === 'object' && record.error !== null ? (record.error as { code?: unknown; type?: unknown }) : {};
    const code = record.errorCode ?? nested.code ?? nested.type ?? (typeof record.error === 'string' ? record.error : undefined);
    return typeof code === 'string' && /^[\w.-]{1,80}$/.test(code) ? code : undefined;
  } catch {
    return undefined;
  }
}
