// Approves a consent page of mytokend the way a user clicking "Approve" without changing anything would: GETs
// the page, collects what its form and script would send (name, checked capabilities, restrictions, issuer,
// rotation) and POSTs that JSON to the same URL. Prints the authorization URI of the 278 answer.
// The point: the token then carries exactly what the client asked for, so the CLI's request is what is tested.
//
// Usage: node cli_consent.mjs <consent URI>      Exit: 0 done, 1 failed (reason on stderr)
const uri = process.argv[2];
if (!uri) {
  console.error('usage: node cli_consent.mjs <consent URI>');
  process.exit(1);
}
const unescape = (s) =>
  s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&#x27;/g, "'").replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const page = await fetch(uri);
const html = await page.text();
if (page.status !== 200) {
  console.error(`GET ${uri} -> ${page.status}: ${html.slice(0, 300)}`);
  process.exit(1);
}
const name = html.match(/id="name" value="([^"]*)"/);
const restrictions = html.match(/<textarea id="restrictions"[^>]*>([\s\S]*?)<\/textarea>/);
const state = html.match(/<script type="application\/json" id="consent-state">(.*?)<\/script>/);
if (!name || !restrictions || !state) {
  console.error('the consent page does not have the expected form (name, restrictions, state)');
  process.exit(1);
}
const capabilities = [...html.matchAll(/<input type="checkbox" name="cap" value="([^"]*)" checked>/g)]
  .map((m) => unescape(m[1]));
const s = JSON.parse(state[1]);
const body = JSON.stringify({
  oidc_issuer: s.oidc_issuer,
  capabilities,
  restrictions: JSON.parse(unescape(restrictions[1]) || '[]'),
  name: unescape(name[1]),
  rotation: s.rotation,
});
const r = await fetch(uri, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
const answer = await r.json().catch(() => ({}));
if (r.status !== 278 || !answer.authorization_uri) {
  console.error(`POST ${uri} -> ${r.status}: ${JSON.stringify(answer)}`);
  process.exit(1);
}
console.log(answer.authorization_uri);
