import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const localHost = '127.0.0.1';

export function localUrl(port: number): string {
  return `http://localhost:${port}`;
}

/** A port the local system needs is taken: name it and the variable that moves it. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly service: string,
  ) {
    super(`Port ${port} (${service}) is already in use. Set PORT to another base port, e.g. PORT=4000 npm start.`);
  }
}

export async function listen(server: http.Server, port: number, service: string): Promise<number> {
  keepIdleSockets(server);
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, service) : error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, localHost);
  });
  return (server.address() as AddressInfo).port;
}

/**
 * Clients (the SDK, Node's global agent) keep their sockets alive; a server that closes an idle one
 * just as a client reuses it resets that request (ECONNRESET, "socket hang up"), a race a busy event
 * loop makes likely. Locally the clients are few and ours: they close idle sockets, the server never does.
 */
export function keepIdleSockets(server: http.Server): void {
  server.keepAliveTimeout = 0;
}

/**
 * A server that listens before its handler is wired (the handlers' environment needs every part's
 * URL before they are imported). Node leaves a request to a server with no 'request' listener
 * unanswered until its requestTimeout, minutes later; this one holds the request and serves it once
 * wired, or answers 503 if it is closed first (a failed start).
 */
export class HoldingServer {
  readonly server = http.createServer();
  private listener: http.RequestListener | undefined;
  private held: { request: http.IncomingMessage; response: http.ServerResponse }[] = [];

  constructor() {
    this.server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
      if (this.listener) this.listener(request, response);
      else this.held.push({ request, response });
    });
  }

  serve(listener: http.RequestListener): void {
    this.listener = listener;
    const held = this.held;
    this.held = [];
    // A caller who gave up while held is not served: nobody would read the answer.
    for (const { request, response } of held) if (!request.socket.destroyed) listener(request, response);
  }

  async close(): Promise<void> {
    const held = this.held;
    this.held = [];
    // Each answer goes out before the connections are closed.
    await Promise.all(
      held.map(
        ({ response }) =>
          new Promise<void>((resolve) => {
            response.once('close', () => resolve());
            sendUnavailable(response, 'The local system did not start; see its log.');
          }),
      ),
    );
    await closeServer(this.server);
  }
}

/** 503 with Retry-After, for a request the local system cannot serve yet. */
export function sendUnavailable(response: http.ServerResponse, message: string): void {
  sendJson(response, 503, { error: { code: 'UNAVAILABLE', message } }, { 'retry-after': '1', connection: 'close' });
}

export async function closeServer(server: http.Server): Promise<void> {
  if (!server.listening) return;
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** API Gateway's payload limit: every local server refuses a longer body with 413. */
export const maxBodyBytes = 10 * 1024 * 1024;

export class BodyTooLargeError extends Error {
  constructor() {
    super(`The request body is over ${maxBodyBytes / (1024 * 1024)} MB: the local servers refuse longer bodies, as API Gateway does.`);
  }
}

/**
 * The request's body, up to `maxBodyBytes`. Over it (declared or streamed) it throws
 * `BodyTooLargeError` and reads no further: the caller answers 413 with `sendBodyTooLarge`.
 */
export function readBody(request: http.IncomingMessage): Promise<Buffer> {
  if (Number(request.headers['content-length']) > maxBodyBytes) return Promise.reject(new BodyTooLargeError());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (outcome: () => void) => {
      request.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      outcome();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) {
        chunks.push(chunk);
        return;
      }
      request.pause();
      finish(() => reject(new BodyTooLargeError()));
    };
    const onEnd = () => finish(() => resolve(Buffer.concat(chunks)));
    const onError = (error: Error) => finish(() => reject(error));
    const onClose = () => finish(() => reject(new Error('The caller closed the connection before the body ended.')));
    request.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

/**
 * 413 (by default in the project's error shape), closing the connection: Node would otherwise read
 * the rest of the body to keep the connection open.
 */
export function sendBodyTooLarge(
  response: http.ServerResponse,
  body: unknown = { error: { code: 'PAYLOAD_TOO_LARGE', message: new BodyTooLargeError().message } },
  headers: Record<string, string> = {},
): void {
  sendJson(response, 413, body, { connection: 'close', ...headers });
}

export function sendJson(response: http.ServerResponse, statusCode: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  response.writeHead(statusCode, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers });
  response.end(payload);
}

export function sendHtml(response: http.ServerResponse, statusCode: number, html: string): void {
  response.writeHead(statusCode, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
  response.end(html);
}

/** The project's error shape (DESIGN §4) for the local control API and sandboxes. */
export function sendError(response: http.ServerResponse, statusCode: number, code: string, message: string, details?: unknown): void {
  sendJson(response, statusCode, { error: { code, message, ...(details === undefined ? {} : { details }) } });
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** Parses a JSON body into `unknown`; callers validate it with zod. */
export function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    const value: unknown = JSON.parse(body.length === 0 ? 'null' : body.toString('utf8'));
    return { ok: true, value };
  } catch {
    return { ok: false };
  }
}

export interface PlainResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * Connections between the local parts stay open for the next request (a webhook burst would
 * otherwise open a connection per delivery). The socket timeouts behind it are native, not on the
 * virtual clock.
 */
const keepAliveAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/**
 * A request through node:http. The local parts use it rather than fetch: undici's timers are
 * JavaScript timers, which the virtual clock fakes, so an advance could time a fetch out.
 */
export function httpRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<PlainResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: options.method ?? 'GET', headers: options.headers, agent: keepAliveAgent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(options.body);
  });
}
