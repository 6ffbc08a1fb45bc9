import type { Placement } from './schemas';

/**
 * What stopped a lifecycle step, in words staff can act on and safe to store: the error's type and
 * message (a Lambda Catch's Cause is JSON holding both), with the people's names, emails and phone
 * replaced, any other email address too, and cut short.
 */
export function failureSummary(failure: { error: string; cause: string }, placement: Pick<Placement, 'client' | 'candidate'>): string {
  const { errorType, errorMessage } = causeOf(failure.cause);
  const type = errorType ?? failure.error;
  const message = errorMessage ?? (failure.cause.trim().startsWith('{') ? '' : failure.cause);
  const text = message.trim() === '' ? type : `${type}: ${message.trim()}`;
  return cut(withoutPersonalData(text, placement), 300);
}

function causeOf(cause: string): { errorType?: string; errorMessage?: string } {
  try {
    const parsed: unknown = JSON.parse(cause);
    if (typeof parsed !== 'object' || parsed === null) return {};
    const { errorType, errorMessage } = parsed as Record<string, unknown>;
    return {
      ...(typeof errorType === 'string' ? { errorType } : {}),
      ...(typeof errorMessage === 'string' ? { errorMessage } : {}),
    };
  } catch {
    return {};
  }
}

const emailAddress = /[^\s@"'<>]+@[^\s@"'<>]+\.[^\s@"'<>]+/g;

export function withoutPersonalData(text: string, placement: Pick<Placement, 'client' | 'candidate'>): string {
  const known: [string, string][] = [
    [placement.client.email, '[client email]'],
    [placement.candidate.email, '[VE email]'],
    [placement.candidate.phone, '[VE phone]'],
    [placement.client.name, '[client name]'],
    [placement.candidate.name, '[VE name]'],
  ];
  let redacted = text;
  // Longest first, so a name inside an email address does not break the address's replacement.
  for (const [value, label] of known.sort(([a], [b]) => b.length - a.length)) {
    if (value.trim().length > 0) redacted = redacted.split(value).join(label);
  }
  return redacted.replace(emailAddress, '[email]');
}

function cut(text: string, length: number): string {
  const characters = [...text];
  return characters.length <= length ? text : `${characters.slice(0, length - 1).join('')}…`;
}
