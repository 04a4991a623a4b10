// Client of the agent's REST API. The token is kept in sessionStorage, so it is gone when the
// tab closes, and it is sent only with requests to this origin.

const TOKEN_KEY = 'miniops.token';
const LOGIN_PATH = '/api/auth/login';

const unauthorizedListeners = [];

/** Failed API call: the HTTP status (0 when the agent could not be reached), the API's error code and message. */
export class ApiError extends Error {
  constructor(status, code, message, retryAfterSeconds) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    /** Seconds from Retry-After on a 429, else null. */
    this.retryAfterSeconds = retryAfterSeconds;
    /** When the client may try again, as a Date, else null. */
    this.retryAt = retryAfterSeconds === null ? null : new Date(Date.now() + retryAfterSeconds * 1000);
  }
}

/** Returns the stored token, or null when the operator has not signed in in this tab. */
export function storedToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Removes the token from sessionStorage. */
export function forgetToken() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** Registers a callback for a 401 on any API call but sign-in, after the token was dropped. */
export function onUnauthorized(listener) {
  unauthorizedListeners.push(listener);
}

/**
 * Checks a token with POST /api/auth/login and keeps it on success.
 * Throws ApiError with status 401 for a wrong token and 429 while sign-ins are limited.
 */
export async function signIn(token) {
  await send(LOGIN_PATH, { method: 'POST', body: { token }, authorize: false });
  sessionStorage.setItem(TOKEN_KEY, token);
}

/** Calls the API with the stored token and returns the parsed JSON body. */
export function api(path, { method = 'GET', body } = {}) {
  return send(path, { method, body, authorize: true });
}

async function send(path, { method, body, authorize }) {
  const headers = { Accept: 'application/json' };
  const token = storedToken();
  if (authorize && token) {
    headers.Authorization = `Bearer ${token}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }

  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
      redirect: 'error',
    });
  } catch (failure) {
    throw new ApiError(0, 'network', failure.message, null);
  }

  const data = await readJson(response);
  if (response.ok) {
    return data;
  }

  const error = new ApiError(response.status, data?.error ?? 'http_error',
    data?.message ?? response.statusText, retryAfterSeconds(response));
  if (response.status === 401 && path !== LOGIN_PATH) {
    forgetToken();
    unauthorizedListeners.forEach((listener) => listener(error));
  }
  throw error;
}

async function readJson(response) {
  const text = await response.text();
  if (!text) {
    return null;
  }
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Reads Retry-After, which RFC 9110 allows as seconds or as an HTTP date; null when absent. */
function retryAfterSeconds(response) {
  const value = response.headers.get('Retry-After');
  if (value === null) {
    return null;
  }
  if (/^\d+$/.test(value.trim())) {
    return Number(value.trim());
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
