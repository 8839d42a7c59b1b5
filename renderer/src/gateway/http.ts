// The one HTTP request function of the renderer. Every feature API module goes through it, so credentials, headers,
// error parsing and "the session is gone, back to login" are decided here and nowhere else.
import { GatewayError, parseErrorBody, toGatewayError } from './gateway-error';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** What a failed request rejects with: the gateway's `{ error, message, details? }` as a typed value (status 0 = no answer). */
export type HttpError = GatewayError;

export interface RequestOptions {
  /** JSON-encoded unless `contentType` says otherwise (then sent as is, e.g. an uploaded file). */
  body?: unknown;
  contentType?: string;
  cache?: RequestCache;
  /** A 401 here is an answer, not a lost session (login, session check, logout). */
  quiet401?: boolean;
}

export interface Http {
  /** The successful response; any non-2xx answer or network failure rejects with an HttpError. */
  request(method: string, path: string, options?: RequestOptions): Promise<Response>;
  /** The parsed JSON body (undefined for 204); an unreadable body rejects with code `bad_response`. */
  json<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
}

export interface HttpOptions {
  fetch?: FetchLike;
  /** Prefix for API paths; '' means same origin. */
  baseUrl?: string;
  /** Replaces the app-wide handler (tests); normally the one set by setUnauthorizedHandler runs. */
  onUnauthorized?: () => void;
}

let unauthorizedHandler: (() => void) | null = null;

/** The app sets the "session expired, show the login page" reaction once; returns the undo for its cleanup. */
export function setUnauthorizedHandler(handler: () => void): () => void {
  unauthorizedHandler = handler;
  return () => {
    if (unauthorizedHandler === handler) unauthorizedHandler = null;
  };
}

const JSON_TYPE = 'application/json';

export function createHttp(options: HttpOptions = {}): Http {
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const base = options.baseUrl ?? '';

  async function request(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
    const { body, contentType = JSON_TYPE } = opts;
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        credentials: 'same-origin',
        ...(opts.cache ? { cache: opts.cache } : {}),
        headers: body === undefined ? { accept: JSON_TYPE } : { accept: JSON_TYPE, 'content-type': contentType },
        body: body === undefined ? undefined : contentType === JSON_TYPE ? JSON.stringify(body) : (body as BodyInit),
      });
    } catch (error) {
      throw toGatewayError(error);
    }
    if (!response.ok) {
      const error = parseErrorBody(response.status, await response.text().catch(() => ''), response.statusText);
      if (error.isUnauthorized && !opts.quiet401) (options.onUnauthorized ?? unauthorizedHandler)?.();
      throw error;
    }
    return response;
  }

  async function json<T>(method: string, path: string, opts?: RequestOptions): Promise<T> {
    const response = await request(method, path, opts);
    if (response.status === 204) return undefined as T;
    try {
      return (await response.json()) as T;
    } catch {
      throw new GatewayError(response.status, 'bad_response', `invalid JSON from ${path}`);
    }
  }

  return { request, json };
}

/** The same-origin instance feature API modules use unless a test hands them a fake fetch. */
export const http: Http = createHttp();

/** A feature API's client: the shared one, or one over the fetch a test passes in. */
export const httpFor = (fetchFn?: FetchLike, baseUrl?: string): Http => (fetchFn || baseUrl ? createHttp({ fetch: fetchFn, baseUrl }) : http);
