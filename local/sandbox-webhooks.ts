import type http from 'node:http';
import { escapeHtml, httpRequest, readBody, sendHtml, sendJson } from './http';

export interface WebhookDelivery {
  url: string;
  event: string;
  at: string;
  status: number | null;
  error?: string;
}

/** Posts a signed webhook the way a provider does, and reports what the receiver answered. */
export async function deliverWebhook(url: string, event: string, body: string, headers: Record<string, string>): Promise<WebhookDelivery> {
  const at = new Date().toISOString();
  try {
    const response = await httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { url, event, at, status: response.status };
  } catch (error) {
    return { url, event, at, status: null, error: error instanceof Error ? error.message : String(error) };
  }
}

/** A sandbox action's optional reason, from a JSON body or an HTML form. */
export async function readReason(request: http.IncomingMessage): Promise<string | undefined> {
  const body = (await readBody(request)).toString('utf8');
  if (body.trim() === '') return undefined;
  if ((request.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
    return new URLSearchParams(body).get('reason') ?? undefined;
  }
  try {
    const parsed: unknown = JSON.parse(body);
    const reason = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'reason') : undefined;
    return typeof reason === 'string' ? reason : undefined;
  } catch {
    return undefined;
  }
}

/** A person clicked a button (HTML form): go to `location`; a program gets the JSON outcome. */
export function answerAction(request: http.IncomingMessage, response: http.ServerResponse, location: string, outcome: unknown): void {
  if ((request.headers.accept ?? '').includes('text/html')) {
    response.writeHead(303, { location });
    response.end();
    return;
  }
  sendJson(response, 200, outcome);
}

export function page(title: string, content: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
.sandbox { background: #fff4ce; border: 1px solid #e0c060; padding: .5rem .75rem; border-radius: 4px; font-size: .9rem; }
form { display: inline-block; margin: .25rem .5rem .25rem 0; }
button { font-size: 1rem; padding: .5rem 1rem; cursor: pointer; }
table { border-collapse: collapse; } td, th { padding: .25rem .75rem .25rem 0; text-align: left; vertical-align: top; }
</style></head>
<body>
<p class="sandbox">Local sandbox: nothing here reaches a real provider.</p>
<h1>${escapeHtml(title)}</h1>
${content}
</body></html>`;
}

export function sendPage(response: http.ServerResponse, statusCode: number, title: string, content: string): void {
  sendHtml(response, statusCode, page(title, content));
}

export function button(action: string, label: string, withReason = false): string {
  const reason = withReason ? '<input name="reason" placeholder="reason (optional)"> ' : '';
  return `<form method="post" action="${escapeHtml(action)}">${reason}<button type="submit">${escapeHtml(label)}</button></form>`;
}

/** The HTML of the webhooks a sandbox sent about one object, under `heading`; empty when none was sent. */
export function deliveryList(heading: string, deliveries: WebhookDelivery[]): string {
  if (deliveries.length === 0) return '';
  const items = deliveries
    .map((delivery) => `<li>${escapeHtml(delivery.at)} ${escapeHtml(delivery.event)} → ${delivery.status ?? escapeHtml(delivery.error ?? 'failed')}</li>`)
    .join('');
  return `<h2>${escapeHtml(heading)}</h2><ul>${items}</ul>`;
}

/** A sandbox's front page: a table of what it holds, each row's first cell linking to that object's page. */
export function sendIndex(
  response: http.ServerResponse,
  title: string,
  headings: string[],
  rows: { href: string; cells: string[] }[],
  empty: string,
): void {
  if (rows.length === 0) {
    sendPage(response, 200, title, `<p>${escapeHtml(empty)}</p>`);
    return;
  }
  const header = headings.map((heading) => `<th>${escapeHtml(heading)}</th>`).join('');
  const body = rows
    .map(({ href, cells: [label = '', ...rest] }) => {
      const others = rest.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('');
      return `<tr><td><a href="${escapeHtml(href)}">${escapeHtml(label)}</a></td>${others}</tr>`;
    })
    .join('');
  sendPage(response, 200, title, `<table><tr>${header}</tr>${body}</table>`);
}

type SandboxRoute = [method: string, path: RegExp, serve: (...parameters: string[]) => Promise<void> | void];

/** Serves `path` with the first route whose method and pattern match it, its groups URI-decoded; false when none does. */
export async function serveRoute(method: string, path: string, routes: SandboxRoute[]): Promise<boolean> {
  for (const [routeMethod, pattern, serve] of routes) {
    const match = routeMethod === method ? pattern.exec(path) : null;
    if (match) {
      await serve(...match.slice(1).map((parameter) => decodeURIComponent(parameter)));
      return true;
    }
  }
  return false;
}
