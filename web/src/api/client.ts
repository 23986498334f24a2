// Talks to the Cairn API on the same origin with the session cookie, adding
// the CSRF token to every write (API.md "Authentication"). Errors come back as
// ApiError with the problem+json fields, so forms can show per-field messages.

import { t } from '../i18n';
import { asOfDay, withAsOf } from '../timeTravel';

export interface FieldProblem {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly fields: FieldProblem[] = [],
    // The whole problem document, for answers with more members (an
    // import's `problems`).
    readonly body: Record<string, unknown> = {},
  ) {
    super(detail || title);
  }
}

let csrfToken: string | null = null;
let onSignedOut: (() => void) | null = null;

// Called when the server says the session is over (it expired, or an admin
// changed the person's role): the app goes back to the sign-in page.
export function whenSignedOut(callback: () => void): void {
  onSignedOut = callback;
}

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Fetch = typeof fetch;
let fetcher: Fetch = (...args) => fetch(...args);

// For tests: a fetch that answers without a server.
export function useFetch(f: Fetch): void {
  fetcher = f;
}

export async function problemOf(response: Response): Promise<ApiError> {
  let body: { title?: string; detail?: string; errors?: FieldProblem[]; [member: string]: unknown } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  return new ApiError(
    response.status,
    body.title ?? response.statusText,
    body.detail ?? '',
    Array.isArray(body.errors) ? body.errors : [],
    body,
  );
}

export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = { ...extraHeaders };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return send<T>(method, path, body === undefined ? undefined : JSON.stringify(body), headers);
}

// Sends `text` as it is (an uploaded document), of type `contentType`.
export function upload<T>(method: string, path: string, text: string, contentType: string): Promise<T> {
  return send<T>(method, path, text, { 'Content-Type': contentType });
}

async function send<T>(
  method: string,
  path: string,
  body: string | undefined,
  extraHeaders: Record<string, string>,
): Promise<T> {
  if (method === 'GET') {
    path = withAsOf(path);
  } else if (asOfDay.value && !path.startsWith('/auth/')) {
    // Looking at the past: a change would land today, unseen on this page.
    throw new ApiError(409, t('time_travel.read_only'), t('time_travel.read_only'));
  }
  const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (body !== undefined) init.body = body;
  const response = await fetcher(`/api/v1${path}`, init);
  if (!response.ok) {
    const problem = await problemOf(response);
    if (problem.status === 401 && path !== '/auth/login' && path !== '/me') onSignedOut?.();
    throw problem;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

// A query string from the parameters that are set.
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
