// What the page asks of the server it came from: the versions it serves, tokens, and GraphQL.
import { Kind, parse } from "graphql";

export async function loadConfig() {
  const response = await fetch("/explorer/config.json", { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`/explorer/config.json answered ${response.status}`);
  return response.json();
}

/** OAuth 2.0 client credentials (RFC 6749 4.4) against POST /token; resolves to the access token. */
export async function requestToken(clientId, clientSecret) {
  const body = new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret });
  const response = await fetch("/token", { method: "POST", body });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok || typeof answer.access_token !== "string") {
    throw new Error(answer.error_description ?? answer.error ?? `POST /token answered ${response.status}`);
  }
  return answer;
}

/**
 * A GraphiQL fetcher for one version. The target and token are read when a request is sent, so typing in their
 * fields does not introspect on every key; the headers editor's headers go along, the header fields win.
 */
export function createFetcher(version, credentials) {
  return async (params, options) => {
    const { target, token } = credentials();
    const response = await fetch("/graphql", {
      method: "POST",
      headers: {
        ...(options?.headers ?? {}),
        accept: "application/graphql-response+json, application/json",
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        "x-api-target-id": target,
        "x-api-version": version,
      },
      body: JSON.stringify({ ...params, operationName: operationIn(params.query, params.operationName) }),
    });
    const text = await response.text();
    try {
      return JSON.parse(text);
    } catch {
      throw new Error(`POST /graphql answered ${response.status}: ${text.slice(0, 200)}`);
    }
  };
}

/**
 * The operation name, if the document has such an operation. Just after a tab switch GraphiQL can still send the
 * previous tab's name, which the server refuses (InvalidOperationName); the document's own operation is meant.
 */
function operationIn(query, name) {
  if (!name) return name;
  try {
    const names = parse(query).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).map((d) => d.name?.value);
    return names.includes(name) ? name : undefined;
  } catch {
    return name; // the server says what is wrong with the document
  }
}
