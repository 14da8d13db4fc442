// Drives an authorization request through the dev OP without a browser: follows the OP's redirects, submits
// the devInteractions login form (as --user, else the URL's login_hint, else alice) and the consent form, and
// prints the redirect back to the client (…?code=…&state=…&iss=…) on stdout. Also works with OP_AUTO_LOGIN=1.
//
// Usage: node login.mjs [--user NAME] [--deny] [--follow] <authorization URL>
//   --deny    cancel at the first OP form instead (the OP answers error=access_denied); needs the forms,
//             i.e. not OP_AUTO_LOGIN=1
//   --follow  also GET the redirect back to the client (e.g. mytokend's /redirect); its status goes to stderr
// Exit status: 0 done; 1 stopped at the OP, or (with --follow) the client answered >= 400;
//              2 usage; 3 the OP redirected back with error=… (only without --follow).
const usage = () => {
  console.error('usage: node login.mjs [--user NAME] [--deny] [--follow] <authorization URL>');
  process.exit(2);
};
const opts = { follow: false, deny: false, user: undefined, url: undefined };
const argv = process.argv.slice(2);
while (argv.length) {
  const a = argv.shift();
  if (a === '--follow') opts.follow = true;
  else if (a === '--deny') opts.deny = true;
  else if (a === '--user' && argv.length) opts.user = argv.shift();
  else if (!a.startsWith('--') && opts.url === undefined) opts.url = a;
  else usage();
}
if (!opts.url || !URL.canParse(opts.url)) usage();
const start = new URL(opts.url);
const user = opts.user || start.searchParams.get('login_hint') || 'alice';

// A cookie jar for the one OP origin is all the interaction needs.
const cookies = new Map();
async function request(url, init = {}) {
  const headers = { ...init.headers };
  if (cookies.size) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(url, { ...init, headers, redirect: 'manual' });
  for (const c of res.headers.getSetCookie()) {
    const [, name, value] = /^\s*([^=;]+)=([^;]*)/.exec(c) || [];
    if (!name) continue;
    if (!value || /max-age=0\b|expires=thu, 01 jan 1970/i.test(c)) cookies.delete(name);
    else cookies.set(name, value);
  }
  return res;
}
const htmlText = (html) => html.replace(/<(style|script)[\s\S]*?<\/\1>/g, '').replace(/<[^>]+>/g, ' ')
  .replace(/\s+/g, ' ').trim().slice(0, 300);
const unescapeAttr = (s) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'");
function stop(msg) {
  console.error(`login: ${msg}`);
  process.exit(1);
}

let url = start;
for (let hop = 0; hop < 20; hop += 1) {
  if (url.origin !== start.origin) {
    // Back at the client: the redirect URI with code and state, or with error.
    console.log(url.href);
    const error = url.searchParams.get('error');
    if (error) console.error(`login: OP answered error=${error} ${url.searchParams.get('error_description') || ''}`);
    if (!opts.follow) process.exit(error ? 3 : 0);
    const res = await fetch(url, { redirect: 'manual' });
    console.error(`login: ${url.origin}${url.pathname} answered HTTP ${res.status}`);
    process.exit(res.status < 400 ? 0 : 1);
  }
  let res = await request(url);
  if (res.status === 200 && /html/.test(res.headers.get('content-type') || '')) {
    const html = await res.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!prompt) stop(`no form at ${url.href}: ${htmlText(html)}`);
    if (opts.deny) {
      res = await request(new URL(`${url.pathname.replace(/\/$/, '')}/abort`, url));
    } else {
      const action = /<form[^>]*\saction="([^"]+)"/.exec(html)?.[1];
      const form = new URLSearchParams({ prompt });
      if (prompt === 'login') {
        form.set('login', user);
        form.set('password', 'not-checked');
      }
      res = await request(new URL(action ? unescapeAttr(action) : url.href, url), {
        method: 'POST',
        body: form,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    }
  }
  const location = res.headers.get('location');
  if (res.status < 300 || res.status >= 400 || !location) {
    stop(`stopped at ${url.href}: HTTP ${res.status} ${htmlText(await res.text())}`);
  }
  url = new URL(location, url);
}
stop('too many redirects');
