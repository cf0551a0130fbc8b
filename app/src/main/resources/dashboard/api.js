// The JSON API, called with the session cookie (same origin); 401 means the session ended.

export class SignedOut extends Error {}

export class ApiError extends Error {
  constructor(status, text) {
    super(text);
    this.status = status;
  }
}

async function errorText(r) {
  const text = await r.text();
  try {
    const j = JSON.parse(text);
    return j.title || j.message || j.error || text;
  } catch (e) {
    return text || r.statusText;
  }
}

/** GETs path as JSON. */
export async function get(path) {
  const r = await fetch(path, {credentials: 'same-origin', headers: {Accept: 'application/json'}});
  if (r.status === 401) throw new SignedOut(await errorText(r));
  if (!r.ok) throw new ApiError(r.status, await errorText(r));
  return r.json();
}

/**
 * Sends method path with body as JSON (none when undefined); the answer's JSON, or null for 204.
 * A cookie request that changes anything carries this page's Origin, as the server requires.
 */
export async function send(method, path, body, signal) {
  const init = {method, credentials: 'same-origin', headers: {Accept: 'application/json'}, signal};
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const r = await fetch(path, init);
  if (r.status === 401) throw new SignedOut(await errorText(r));
  if (!r.ok) throw new ApiError(r.status, await errorText(r));
  return r.status === 204 ? null : r.json();
}

/** The text of an answer that is not ok: its JSON's title, message or error, else its body. */
export {errorText};

/** The signed-in key, or null. */
export async function session() {
  const r = await fetch('/v1/session', {credentials: 'same-origin', headers: {Accept: 'application/json'}});
  return r.ok ? r.json() : null;
}

/** Exchanges an API key for the session cookie; throws ApiError with the server's reason. */
export async function signIn(key) {
  const r = await fetch('/v1/session', {
    method: 'POST', credentials: 'same-origin',
    headers: {'Content-Type': 'application/json', Accept: 'application/json'},
    body: JSON.stringify({api_key: key}),
  });
  if (!r.ok) throw new ApiError(r.status, await errorText(r));
  return r.json();
}

export async function signOut() {
  await fetch('/v1/session', {method: 'DELETE', credentials: 'same-origin'});
}
