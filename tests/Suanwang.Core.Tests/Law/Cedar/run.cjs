// Evaluates requests against a Cedar policy set with @cedar-policy/cedar-wasm.
// usage: node run.cjs CEDAR_DIR POLICIES.cedar REQUESTS.jsonl  -> one line per request: allow, deny or error: ...
const fs = require('fs');
const path = require('path');
const [dir, policyFile, requestFile] = process.argv.slice(2);
const cedar = require(path.join(dir, 'node_modules', '@cedar-policy', 'cedar-wasm', 'nodejs', 'cedar_wasm.js'));
const policies = { staticPolicies: fs.readFileSync(policyFile, 'utf8') };
// Parsed once and cached by the package; each request then only evaluates.
const parsed = cedar.preparsePolicySet('law', policies);
if (parsed.type !== 'success') {
  console.error(JSON.stringify(parsed.errors));
  process.exit(3);
}
const out = [];
for (const line of fs.readFileSync(requestFile, 'utf8').split('\n')) {
  if (line.length === 0) continue;
  const answer = cedar.statefulIsAuthorized({
    principal: { type: 'Tenant', id: 'acme' },
    action: { type: 'Action', id: 'export' },
    resource: { type: 'Dataset', id: 'ds' },
    context: JSON.parse(line),
    preparsedPolicySetId: 'law',
    entities: [],
  });
  if (answer.type !== 'success') {
    out.push('error: ' + JSON.stringify(answer.errors));
  } else if (answer.response.diagnostics.errors.length > 0) {
    out.push('error: ' + JSON.stringify(answer.response.diagnostics.errors));
  } else {
    out.push(answer.response.decision);
  }
}
process.stdout.write(out.join('\n') + '\n');
