// Real-browser check: serves a copy of notebooks/00-tour.ipynb with Debian's jupyter-notebook on
// loopback, opens it in headless Chromium (Playwright's playwright-core driving /usr/bin/chromium),
// runs the cells that define fib and benchmark it, and asserts that the %bench cell's HTML table
// and SVG chart appear in the page. Saves a screenshot.
//
// Usage: node browser/check.mjs [--screenshot FILE]
// Needs: the java-perf kernelspec visible to Jupyter (JUPYTER_PATH), `jupyter notebook`, Chromium.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdtempSync, copyFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const args = process.argv.slice(2);
const shotIdx = args.indexOf('--screenshot');
const screenshot = shotIdx >= 0 ? resolve(args[shotIdx + 1]) : join(repo, 'browser', 'out', 'tour-bench.png');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TOTAL_MS = 8 * 60 * 1000;

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => ok(p)); });
    s.on('error', fail);
  });
}

async function waitForServer(url, deadline) {
  while (Date.now() < deadline) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch { /* not up yet */ }
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(`notebook server did not answer at ${url}`);
}

const work = mkdtempSync(join(tmpdir(), 'perfkernel-browser-'));
copyFileSync(join(repo, 'notebooks', '00-tour.ipynb'), join(work, '00-tour.ipynb'));
const port = await freePort();
const token = randomBytes(16).toString('hex');
const server = spawn('jupyter', ['notebook', '--no-browser', '--ip=127.0.0.1', `--port=${port}`,
  `--NotebookApp.token=${token}`, `--notebook-dir=${work}`, '--NotebookApp.open_browser=False',
  // CI runs as root, which the server refuses without this; it binds to loopback only.
  ...(process.getuid && process.getuid() === 0 ? ['--allow-root'] : [])],
  { env: { ...process.env, PERFKERNEL_QUICK: '1' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
let serverLog = '';
server.stdout.on('data', d => { serverLog += d; });
server.stderr.on('data', d => { serverLog += d; });

let browser;
let failed = false;
const deadline = Date.now() + TOTAL_MS;
const timer = setTimeout(() => { console.error('browser check: overall time limit reached'); cleanup(1); }, TOTAL_MS);

function cleanup(code) {
  clearTimeout(timer);
  try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
  setTimeout(() => {
    try { process.kill(-server.pid, 'SIGKILL'); } catch { /* already gone */ }
    rmSync(work, { recursive: true, force: true });
    process.exit(code);
  }, 1500);
}

try {
  const base = `http://127.0.0.1:${port}`;
  await waitForServer(`${base}/api/status?token=${token}`, Date.now() + 60_000);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
  await page.goto(`${base}/notebooks/00-tour.ipynb?token=${token}`);
  await page.waitForFunction(() => window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel
      && Jupyter.notebook.kernel.is_connected(), null, { timeout: 120_000 });

  // Run the cell defining fib, then the first %bench cell, through the notebook's own UI API.
  const benchIndex = await page.evaluate(() => {
    const cells = Jupyter.notebook.get_cells();
    const def = cells.findIndex(c => c.cell_type === 'code' && c.get_text().includes('int fib('));
    const bench = cells.findIndex(c => c.cell_type === 'code' && c.get_text().startsWith('%bench'));
    if (def < 0 || bench < 0) return -1;
    Jupyter.notebook.execute_cells([def, bench]);
    return bench;
  });
  if (benchIndex < 0) throw new Error('00-tour has no fib definition or %bench cell');

  const cell = page.locator('#notebook-container > .cell').nth(benchIndex);
  const output = cell.locator('.output_area');
  await output.locator('table').first().waitFor({ timeout: Math.max(1000, deadline - Date.now() - 30_000) });
  await output.locator('svg').first().waitFor({ timeout: 60_000 });
  const errors = await cell.locator('.output_error').count();
  if (errors > 0) throw new Error('the %bench cell shows an error: ' + await cell.locator('.output_error').innerText());
  const tableText = await output.locator('table').first().innerText();
  if (!/fib|bench/i.test(tableText)) throw new Error('bench table does not name the benchmark: ' + tableText);
  await cell.scrollIntoViewIfNeeded();
  mkdirSync(dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: false });
  console.log(`browser check passed: %bench table and SVG chart rendered; screenshot ${screenshot}`);
} catch (e) {
  failed = true;
  console.error('browser check FAILED:', e.message);
  console.error(serverLog.split('\n').slice(-30).join('\n'));
} finally {
  if (browser) await browser.close().catch(() => {});
  cleanup(failed ? 1 : 0);
}
