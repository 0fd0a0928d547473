// @ts-check
/**
 * The dashboard's GraphQL client: the public endpoint, the documents in dashboard/queries, a bearer token kept for
 * the browser tab (sessionStorage: gone when the tab closes, never shared with other tabs), renewed once with the
 * refresh token when it has expired. No private endpoint: what this file does, any frontend team can do.
 */

/** @typedef {import('./gql/operations').DashboardSignInMutation} SignIn */
/** @typedef {import('./i18n').Language} Language */

/**
 * The result and variable types of each document, by file name: generated from the schema (dashboard/gql) for
 * those the schema has; the funnel's and the forecast's are declared in charts.js until theirs reach the schema.
 * @typedef {{
 *   'sign-in': [import('./gql/operations').DashboardSignInMutation, import('./gql/operations').DashboardSignInMutationVariables],
 *   'refresh-token': [import('./gql/operations').DashboardRefreshTokenMutation, import('./gql/operations').DashboardRefreshTokenMutationVariables],
 *   'sign-out': [import('./gql/operations').DashboardSignOutMutation, import('./gql/operations').DashboardSignOutMutationVariables],
 *   'viewer': [import('./gql/operations').DashboardViewerQuery, import('./gql/operations').DashboardViewerQueryVariables],
 *   'achievement-breakdown': [import('./gql/operations').DashboardAchievementBreakdownQuery, import('./gql/operations').DashboardAchievementBreakdownQueryVariables],
 *   'achievement-own': [import('./gql/operations').DashboardAchievementOwnQuery, import('./gql/operations').DashboardAchievementOwnQueryVariables],
 *   'receivables-aging': [import('./gql/operations').DashboardReceivablesAgingQuery, import('./gql/operations').DashboardReceivablesAgingQueryVariables],
 *   'channel-conflicts': [import('./gql/operations').DashboardChannelConflictsQuery, import('./gql/operations').DashboardChannelConflictsQueryVariables],
 *   'pipeline-funnel': [import('./gql/operations').DashboardPipelineFunnelQuery, import('./gql/operations').DashboardPipelineFunnelQueryVariables],
 *   'forecast-rollup': [import('./gql/operations').DashboardForecastRollupQuery, import('./gql/operations').DashboardForecastRollupQueryVariables],
 * }} Operations
 */

/** @typedef {{ message: string, path?: readonly (string | number)[], extensions?: { code?: string, requestId?: string } }} GraphQLError */
/**
 * @template T
 * @typedef {{ data: T | null, errors: GraphQLError[] }} Result
 */

/** @typedef {{ accessToken: string, refreshToken: string, expiresAt: string }} Session */

const GRAPHQL_PATH = '/graphql';
const QUERIES_PATH = '/dashboard/queries';
const SESSION_KEY = 'salesgraph.dashboard.session';

/** @type {Map<string, Promise<string>>} */
const documents = new Map();

/**
 * A document's text, fetched once per page.
 * @param {string} name
 */
function documentText(name) {
  let text = documents.get(name);
  if (text === undefined) {
    text = fetch(`${QUERIES_PATH}/${name}.graphql`).then((response) => {
      if (!response.ok) throw new Error(`${name}.graphql: HTTP ${response.status}`);
      return response.text();
    });
    documents.set(name, text);
  }
  return text;
}

/** @returns {Session | null} */
export function storedSession() {
  const stored = sessionStorage.getItem(SESSION_KEY);
  return stored === null ? null : JSON.parse(stored);
}

/** @param {Session | null} session */
function storeSession(session) {
  if (session === null) sessionStorage.removeItem(SESSION_KEY);
  else sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

/** The session has ended (signed out elsewhere, expired beyond renewal): the page must ask to sign in again. */
export class SignedOut extends Error {}

/**
 * The first error's code, e.g. `FORBIDDEN`.
 * @param {readonly GraphQLError[]} errors
 */
export function firstCode(errors) {
  return errors[0]?.extensions?.code;
}

/**
 * @param {string} name
 * @param {Record<string, unknown>} variables
 * @param {Language} language
 * @param {string | null} token
 * @returns {Promise<Result<unknown>>}
 */
async function post(name, variables, language, token) {
  /** @type {Record<string, string>} */
  const headers = { 'content-type': 'application/json', 'accept-language': language };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const response = await fetch(GRAPHQL_PATH, { method: 'POST', headers, body: JSON.stringify({ query: await documentText(name), variables }) });
  const body = await response.json().catch(() => ({ errors: [{ message: `HTTP ${response.status}` }] }));
  return { data: body.data ?? null, errors: body.errors ?? [] };
}

/** The renewal in progress: the views load at once, and a refresh token used twice ends the whole session. */
/** @type {Promise<Session | null> | null} */
let renewal = null;

/**
 * A session whose access token is not `expired`: the stored one when another request already renewed it, else the
 * one `refreshToken` gives (one call, however many requests wait for it); null when the session cannot be renewed.
 * @param {string} expired
 * @param {Language} language
 * @returns {Promise<Session | null>}
 */
function renewed(expired, language) {
  const session = storedSession();
  if (session === null || session.accessToken !== expired) return Promise.resolve(session);
  renewal ??= post('refresh-token', { refreshToken: session.refreshToken }, language, null)
    .then((result) => {
      const next = /** @type {import('./gql/operations').DashboardRefreshTokenMutation | null} */ (result.data)?.refreshToken ?? null;
      storeSession(next);
      return next;
    })
    .finally(() => {
      renewal = null;
    });
  return renewal;
}

/**
 * Runs the document `name` as the signed-in user. An expired access token is renewed once with the refresh token;
 * when that fails too, the stored session is dropped and {@link SignedOut} thrown.
 * @template {keyof Operations} N
 * @param {N} name
 * @param {Operations[N][1]} variables
 * @param {Language} language the language of the server's messages
 * @returns {Promise<Result<Operations[N][0]>>}
 */
export async function request(name, variables, language) {
  const session = storedSession();
  if (session === null) throw new SignedOut();
  let result = await post(name, variables, language, session.accessToken);
  if (firstCode(result.errors) === 'UNAUTHENTICATED') {
    const next = await renewed(session.accessToken, language);
    if (next === null) throw new SignedOut();
    result = await post(name, variables, language, next.accessToken);
    if (firstCode(result.errors) === 'UNAUTHENTICATED') {
      storeSession(null);
      throw new SignedOut();
    }
  }
  return /** @type {Result<Operations[N][0]>} */ (result);
}

/**
 * Signs in with the API's `login`: the session is kept for this tab. Resolves to the server's error message (in
 * `language`) when it refuses, else null.
 * @param {string} email
 * @param {string} password
 * @param {Language} language
 * @returns {Promise<string | null>}
 */
export async function signIn(email, password, language) {
  const result = await post('sign-in', { email, password }, language, null);
  const login = /** @type {SignIn | null} */ (result.data)?.login;
  if (login === undefined) return result.errors[0]?.message ?? 'Sign-in failed';
  storeSession(login);
  return null;
}

/**
 * Ends the session on the server (its refresh token stops working) and forgets it here, whatever the server says.
 * @param {Language} language
 */
export async function signOut(language) {
  const session = storedSession();
  storeSession(null);
  if (session === null) return;
  await post('sign-out', { refreshToken: session.refreshToken }, language, session.accessToken).catch(() => undefined);
}
