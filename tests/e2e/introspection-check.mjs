// Checks one API version of a running BwpOrders server the way GraphQL clients use it:
// - graphql-js's introspection query with every option the spec (October 2021 and the draft) defines, GraphiQL's
//   query and the default one each answer without errors, and buildClientSchema makes a valid schema of each;
// - GET /schema/VERSION.graphql (no token) is SDL that buildSchema accepts, and it is the same schema as introspection
//   shows (printed alike after sorting, and no breaking or dangerous change either way).
// Usage: BWP_URL=http://127.0.0.1:8080/graphql BWP_TOKEN=... BWP_TARGET=... BWP_VERSION=2024-11-01 node introspection-check.mjs
import {
  buildClientSchema, buildSchema, findBreakingChanges, findDangerousChanges, getIntrospectionQuery, isInputObjectType,
  lexicographicSortSchema, printSchema, validateSchema,
} from 'graphql';

const { BWP_URL: url, BWP_TOKEN: token, BWP_TARGET: target, BWP_VERSION: version = '2024-11-01' } = process.env;
if (!url || !token || !target) {
  console.error('set BWP_URL, BWP_TOKEN and BWP_TARGET');
  process.exit(2);
}

const failures = [];
const fail = (what) => failures.push(what);

async function introspect(name, query, operationName) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json', accept: 'application/graphql-response+json, application/json',
      authorization: `Bearer ${token}`, 'x-api-target-id': target, 'x-api-version': version,
    },
    body: JSON.stringify({ query, operationName }),
  });
  const body = await response.json();
  if (response.status !== 200 || body.errors) return fail(`${name}: HTTP ${response.status} ${JSON.stringify(body.errors ?? body)}`);
  try {
    const schema = buildClientSchema(body.data);
    const invalid = validateSchema(schema);
    if (invalid.length) return fail(`${name}: buildClientSchema made an invalid schema: ${invalid.map(String).join('; ')}`);
    return schema;
  } catch (e) {
    return fail(`${name}: buildClientSchema threw: ${e.message}`);
  }
}

const everything = { descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true };
const introspected = await introspect('full introspection', getIntrospectionQuery(everything), 'IntrospectionQuery');
await introspect('GraphiQL introspection', getIntrospectionQuery({ inputValueDeprecation: true }), 'IntrospectionQuery');
await introspect('default introspection', getIntrospectionQuery());

const sdlUrl = new URL(`/schema/${version}.graphql`, url);
const sdlResponse = await fetch(sdlUrl);
const sdl = await sdlResponse.text();
let printed;
if (sdlResponse.status !== 200) fail(`${sdlUrl}: HTTP ${sdlResponse.status} ${sdl}`);
else {
  try {
    printed = buildSchema(sdl);
  } catch (e) {
    fail(`${sdlUrl}: buildSchema refused it: ${e.message}`);
  }
}

if (introspected && printed) {
  const [a, b] = [printed, introspected].map((s) => printSchema(lexicographicSortSchema(s)));
  if (a !== b) {
    const [la, lb] = [a.split('\n'), b.split('\n')];
    const line = la.findIndex((l, i) => l !== lb[i]);
    fail(`the SDL and introspection differ from line ${line + 1}: SDL "${la[line]}", introspection "${lb[line]}"`);
  }
  for (const [from, to, direction] of [[printed, introspected, 'SDL → introspection'], [introspected, printed, 'introspection → SDL']]) {
    const changes = [...findBreakingChanges(from, to), ...findDangerousChanges(from, to)];
    if (changes.length) fail(`${direction}: ${changes.map((c) => `${c.type} ${c.description}`).join('; ')}`);
  }
}

const deprecatedInputs = introspected ? countDeprecatedInputValues(introspected) : 0;
for (const failure of failures) console.log(`FAIL ${failure}`);
console.log(`introspection check ${version}: ${failures.length ? `${failures.length} failure(s)` : 'ok'} (${deprecatedInputs} deprecated arguments and input fields)`);
process.exit(failures.length ? 1 : 0);

function countDeprecatedInputValues(schema) {
  let count = 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !('getFields' in type)) continue;
    const fields = Object.values(type.getFields());
    const inputs = isInputObjectType(type) ? fields : fields.flatMap((field) => field.args);
    count += inputs.filter((input) => input.deprecationReason != null).length;
  }
  return count;
}
