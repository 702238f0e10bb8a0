// Runs graphql-http's GraphQL-over-HTTP audit (every MUST, SHOULD and MAY) against a running BwpOrders server.
// BwP's own headers (bearer token, target, version) are added to every request, as any BwP client sends them.
// Usage: BWP_URL=http://127.0.0.1:8080/graphql BWP_TOKEN=... BWP_TARGET=... node graphql-http-audit.mjs
import { auditServer } from 'graphql-http';

const { BWP_URL: url, BWP_TOKEN: token, BWP_TARGET: target, BWP_VERSION: version = '2024-11-01' } = process.env;
if (!url || !token || !target) {
  console.error('set BWP_URL, BWP_TOKEN and BWP_TARGET');
  process.exit(2);
}

const fetchFn = (input, init = {}) => {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  headers.set('x-api-target-id', target);
  headers.set('x-api-version', version);
  return fetch(input, { ...init, headers });
};

const results = await auditServer({ url, fetchFn });
let passed = 0;
for (const result of results) {
  if (result.status === 'ok') passed++;
  else console.log(`${result.status.toUpperCase()} ${result.id} ${result.name}: ${result.reason}`);
}
console.log(`graphql-http audit: ${passed}/${results.length} passed`);
process.exit(passed === results.length ? 0 : 1);
