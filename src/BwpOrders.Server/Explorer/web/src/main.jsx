import React, { useEffect, useMemo, useRef, useState } from "react";
import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import "graphiql/graphiql.css";
import "./explorer.css";
import "./accessibility.css";
import { mendGraphiQL } from "./accessibility.js";
import { exampleTabs } from "./examples.js";
import { createFetcher, loadConfig, requestToken } from "./server.js";
import { loadSettings, saveSettings } from "./settings.js";

function Field({ label, id, ...input }) {
  return (
    <div className="bwp-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} autoComplete="off" spellCheck="false" {...input} />
    </div>
  );
}

function Explorer({ config }) {
  const initial = useMemo(loadSettings, []);
  const [version, setVersion] = useState(config.versions.includes(initial.version) ? initial.version : config.latest);
  const [target, setTarget] = useState(initial.target);
  const [token, setToken] = useState(initial.token);
  const [clientId, setClientId] = useState(initial.clientId);
  const [clientSecret, setClientSecret] = useState("");
  const [status, setStatus] = useState("");

  // The fetcher reads the target and token as it sends; a new one (a new version, or credentials committed by
  // leaving their field or getting a token) makes GraphiQL introspect again, so docs and completion follow.
  const credentials = useRef({ target, token });
  credentials.current = { target, token };
  const [committed, setCommitted] = useState({ target, token });
  const commit = () => {
    if (committed.target !== credentials.current.target || committed.token !== credentials.current.token) {
      setCommitted({ ...credentials.current });
    }
  };
  const fetcher = useMemo(() => createFetcher(version, () => credentials.current), [version, committed]);

  useEffect(() => saveSettings({ version, target, token, clientId }), [version, target, token, clientId]);

  const getToken = async (event) => {
    event.preventDefault();
    setStatus("Asking for a token…");
    try {
      const answer = await requestToken(clientId, clientSecret);
      credentials.current = { target, token: answer.access_token };
      setToken(answer.access_token);
      setCommitted({ ...credentials.current });
      setStatus(`Token issued, valid ${Math.round(answer.expires_in / 60)} minutes.`);
    } catch (error) {
      setStatus(`No token: ${error.message}`);
    }
  };

  return (
    <div className="bwp-page">
      <header className="bwp-header">
        <h1>BwpOrders explorer</h1>
        <div className="bwp-field">
          <label htmlFor="bwp-version">API version</label>
          <select id="bwp-version" value={version} onChange={(e) => setVersion(e.target.value)}>
            {config.versions.map((v) => <option key={v} value={v}>{v}</option>)}
          </select>
        </div>
        <Field label="Target id" id="bwp-target" value={target} placeholder="bp-demo"
          onChange={(e) => setTarget(e.target.value.trim())} onBlur={commit} />
        <Field label="Bearer token" id="bwp-token" value={token} className="bwp-wide"
          onChange={(e) => setToken(e.target.value.trim())} onBlur={commit} />
        <form className="bwp-token-form" onSubmit={getToken} aria-label="Get a token with a client id and secret">
          <Field label="Client id" id="bwp-client-id" value={clientId} onChange={(e) => setClientId(e.target.value.trim())} />
          <Field label="Client secret" id="bwp-client-secret" type="password" value={clientSecret}
            onChange={(e) => setClientSecret(e.target.value)} />
          <button type="submit" disabled={!clientId || !clientSecret}>Get token</button>
        </form>
        <p className="bwp-status" role="status" aria-live="polite">{status}</p>
      </header>
      <main className="bwp-graphiql" aria-label={`GraphiQL, API version ${version}`}>
        <GraphiQL fetcher={fetcher} defaultTabs={exampleTabs} />
      </main>
    </div>
  );
}

const root = createRoot(document.getElementById("explorer"));
mendGraphiQL();
loadConfig()
  .then((config) => root.render(<Explorer config={config} />))
  .catch((error) => root.render(<p role="alert">The explorer could not start: {error.message}</p>));
