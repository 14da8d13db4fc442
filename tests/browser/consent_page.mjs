// Opens a mytokend consent page in Debian's Chromium (headless, playwright-core), optionally unticks
// capabilities, clicks "Approve" or "Decline" and waits until the page's script navigates the browser: to the OP's
// authorization URL (approve) or to /native/abort (decline). Fails on any Content-Security-Policy violation,
// script error or failed request of the page. Prints the URL the browser was sent to. The browser never loads
// anything from another origin: such requests get an empty page, so the OP's login page (which pulls web fonts
// from the internet) cannot fail the test on a machine without internet access.
//
// Usage: node consent_page.mjs <consent URI> approve|decline [capability-to-untick...]   Exit: 0 done, 1 failed
import { chromium } from 'playwright-core';

const [uri, action, ...untick] = process.argv.slice(2);
if (!uri || !['approve', 'decline'].includes(action)) {
  console.error('usage: node consent_page.mjs <consent URI> approve|decline [capability-to-untick...]');
  process.exit(1);
}
const problems = [];
let left = false; // what the OP's page does after the consent page let go is not the consent page's business
const problem = (text) => { if (!left) problems.push(text); };
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage();
  const origin = new URL(uri).origin;
  await page.route((url) => url.origin !== origin, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>elsewhere</title>' }));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problem(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problem(`script error: ${e.message}`));
  page.on('requestfailed', (r) => problem(`request failed: ${r.url()}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problem(`${r.url()} -> ${r.status()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective}`));
  });
  const response = await page.goto(uri);
  if (response.status() !== 200) throw new Error(`GET ${uri} -> ${response.status()}`);
  for (const cap of untick) await page.uncheck(`input[name=cap][value="${cap}"]`);
  const leaves = page.waitForRequest((r) => r.isNavigationRequest() && !r.url().startsWith(`${origin}/c/`),
    { timeout: 15000 });
  await page.click(action === 'approve' ? '#approve' : '#decline');
  const target = await leaves;
  left = true;
  const shown = await page.textContent('#error').catch(() => '');
  if (shown) problems.push(`the page shows an error: ${shown}`);
  if (problems.length) throw new Error(problems.join('; '));
  console.log(target.url());
} catch (e) {
  console.error(`${e.message}${problems.length ? ` (${problems.join('; ')})` : ''}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
