// Talks to the Cairn API on the same origin with the session cookie, adding
// the CSRF token to every write (API.md "Authentication"). Errors come back as
// ApiError with the problem+json fields, so forms can show per-field messages.

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
  ) {
    super(detail || title);
  }
}

let csrfToken: string | null = null;

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
  let body: { title?: string; detail?: string; errors?: FieldProblem[] } = {};
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
  );
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (body !== undefined) init.body = JSON.stringify(body);
  const response = await fetcher(`/api/v1${path}`, init);
  if (!response.ok) throw await problemOf(response);
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
