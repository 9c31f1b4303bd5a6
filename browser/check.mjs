// Real-browser check: serves a copy of notebooks/00-tour.ipynb with a Jupyter front end on
// loopback, opens it in headless Chromium (playwright-core driving Debian's /usr/bin/chromium),
// runs the cell that defines fib and the first %bench cell, and checks what a person would see:
// the %bench table, and its chart as interactive Vega-Lite (JupyterLab 4, Notebook 7) or as the
// static SVG (classic Notebook). With --nbconvert, the executed notebook is then saved, exported
// with nbconvert to HTML and opened too: the chart must show there as the static SVG.
//
// Usage: node browser/check.mjs --frontend lab|notebook|classic [--python PY] [--nbconvert]
//                               [--screenshot FILE]
//   --python   the Python whose Jupyter serves the notebook (default: python3 on PATH)
//   classic    runs `jupyter nbclassic` when the Python has it, else `jupyter notebook` (6.x)
// Needs: the java-perf kernelspec visible to that Jupyter (JUPYTER_PATH), Chromium.
import { chromium } from 'playwright-core';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, copyFileSync, rmSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const frontend = opt('--frontend', 'classic');
const python = opt('--python', 'python3');
const withNbconvert = args.includes('--nbconvert');
const screenshot = resolve(opt('--screenshot', join(repo, 'browser', 'out', `tour-bench-${frontend}.png`)));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TOTAL_MS = 9 * 60 * 1000;
const VEGA = 'application/vnd.vegalite.v5+json';
if (!['lab', 'notebook', 'classic'].includes(frontend)) {
  console.error(`unknown --frontend ${frontend} (lab, notebook or classic)`);
  process.exit(2);
}

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
  throw new Error(`Jupyter server did not answer at ${url}`);
}

function hasModule(mod) {
  return spawnSync(python, ['-c', `import ${mod}`], { stdio: 'ignore', timeout: 30_000 }).status === 0;
}

// The server command and the notebook's URL path for each front end.
function serverCommand(port, token, root) {
  const root_ = process.getuid && process.getuid() === 0 ? ['--allow-root'] : [];   // CI runs as root
  if (frontend === 'lab') {
    return { argv: ['-m', 'jupyter', 'lab', '--no-browser', '--ip=127.0.0.1', `--port=${port}`,
      `--IdentityProvider.token=${token}`, `--ServerApp.root_dir=${root}`, '--LabApp.expose_app_in_browser=True',
      // No announcements or update checks: the machine has no internet.
      '--LabApp.news_url=', '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate', ...root_],
      path: '/lab/tree/00-tour.ipynb' };
  }
  if (frontend === 'notebook') {
    return { argv: ['-m', 'jupyter', 'notebook', '--no-browser', '--ip=127.0.0.1', `--port=${port}`,
      `--IdentityProvider.token=${token}`, `--ServerApp.root_dir=${root}`,
      '--JupyterNotebookApp.expose_app_in_browser=True', ...root_], path: '/notebooks/00-tour.ipynb' };
  }
  if (hasModule('nbclassic')) {
    return { argv: ['-m', 'jupyter', 'nbclassic', '--no-browser', '--ip=127.0.0.1', `--port=${port}`,
      `--IdentityProvider.token=${token}`, `--ServerApp.root_dir=${root}`, ...root_],
      // Beside Notebook 7 (which owns /notebooks), nbclassic serves under /nbclassic.
      path: '/nbclassic/notebooks/00-tour.ipynb' };
  }
  return { argv: ['-m', 'jupyter', 'notebook', '--no-browser', '--ip=127.0.0.1', `--port=${port}`,
    `--NotebookApp.token=${token}`, `--notebook-dir=${root}`, ...root_], path: '/notebooks/00-tour.ipynb' };
}

// Classic Notebook (6.x or nbclassic): its global Jupyter object runs the cells.
async function runClassic(page) {
  await page.waitForFunction(() => window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel
      && Jupyter.notebook.kernel.is_connected(), null, { timeout: 120_000 });
  const index = await page.evaluate(() => {
    const cells = Jupyter.notebook.get_cells();
    const def = cells.findIndex(c => c.cell_type === 'code' && c.get_text().includes('int fib('));
    const bench = cells.findIndex(c => c.cell_type === 'code' && c.get_text().startsWith('%bench'));
    if (def < 0 || bench < 0) return -1;
    Jupyter.notebook.execute_cells([def, bench]);
    return bench;
  });
  if (index < 0) throw new Error('00-tour has no fib definition or %bench cell');
  return page.locator('#notebook-container > .cell').nth(index);
}

// JupyterLab 4 and Notebook 7 (the same notebook widgets): the app, exposed as window.jupyterapp,
// runs the cells with the notebook's own command, as a person's Shift+Enter does.
async function runLab(page) {
  await page.waitForFunction(() => {
    const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
    return k && k.connectionStatus === 'connected' && k.status === 'idle';
  }, null, { timeout: 180_000 });
  const index = await page.evaluate(async () => {
    const app = window.jupyterapp;
    const nb = app.shell.currentWidget.content;
    const sources = nb.widgets.map(c => c.model.type === 'code' ? c.model.sharedModel.getSource() : '');
    const def = sources.findIndex(s => s.includes('int fib('));
    const bench = sources.findIndex(s => s.startsWith('%bench'));
    if (def < 0 || bench < 0) return -1;
    for (const i of [def, bench]) {
      nb.activeCellIndex = i;
      nb.deselectAll();
      await app.commands.execute('notebook:run-cell');
    }
    return bench;
  });
  if (index < 0) throw new Error('00-tour has no fib definition or %bench cell');
  return page.locator('.jp-Notebook .jp-Cell').nth(index);
}

async function save(page) {
  if (frontend === 'classic') {
    await page.evaluate(() => Jupyter.notebook.save_notebook());
  } else {
    await page.evaluate(() => window.jupyterapp.commands.execute('docmanager:save'));
  }
}

// The %bench chart's stored outputs: Vega-Lite and one SVG, no HTML copy.
function checkStoredChart(file) {
  const nb = JSON.parse(readFileSync(file, 'utf8'));
  const bench = nb.cells.find(c => c.cell_type === 'code' && [].concat(c.source).join('').startsWith('%bench'));
  const chart = bench && bench.outputs.find(o => o.data && o.data[VEGA]);
  if (!chart) throw new Error('the saved notebook has no Vega-Lite chart output for the %bench cell');
  const svg = [].concat(chart.data['image/svg+xml'] || []).join('');
  if (!svg.includes('<svg')) throw new Error('the chart output has no image/svg+xml');
  const copies = JSON.stringify(chart.data).split('<svg').length - 1;
  if (copies !== 1) throw new Error(`the chart's SVG is stored ${copies} times in the notebook`);
}

// nbconvert HTML: the chart is the static SVG (shown as an image), with the table.
async function checkNbconvert(browser, file, work) {
  const out = spawnSync(python, ['-m', 'jupyter', 'nbconvert', '--to', 'html', '--output-dir', work,
    '--TemplateExporter.extra_template_basedirs=' + join(repo, 'install', 'nbconvert'), '--template', 'perfkernel',
    '--output', 'tour-nbconvert', file], { encoding: 'utf8', timeout: 120_000 });
  if (out.status !== 0) throw new Error('nbconvert failed: ' + out.stderr);
  const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
  await page.goto('file://' + join(work, 'tour-nbconvert.html'));
  const cells = page.locator('.jp-CodeCell');
  const n = await cells.count();
  let cell = null;
  for (let i = 0; i < n && !cell; i++) {
    if ((await cells.nth(i).locator('.jp-InputArea-editor').innerText()).trimStart().startsWith('%bench')) cell = cells.nth(i);
  }
  if (!cell) throw new Error('the nbconvert HTML has no %bench cell');
  const img = cell.locator('[data-mime-type="image/svg+xml"] img').first();
  try {
    await cell.locator('table').first().waitFor({ timeout: 10_000 });
    await img.waitFor({ timeout: 10_000 });
  } catch (e) {
    throw new Error(`${e.message}\nthe %bench cell in the nbconvert HTML:\n${(await cell.innerHTML()).slice(0, 4000)}`);
  }
  const width = await img.evaluate(el => el.naturalWidth);
  if (!(width > 100)) throw new Error(`the static chart did not load in the nbconvert HTML (width ${width})`);
  await img.scrollIntoViewIfNeeded();
  const shot = screenshot.replace(/\.png$/, '') + '-nbconvert.png';
  await page.screenshot({ path: shot });
  console.log(`nbconvert HTML: %bench table and static SVG chart shown; screenshot ${shot}`);
}

const work = mkdtempSync(join(tmpdir(), 'perfkernel-browser-'));
copyFileSync(join(repo, 'notebooks', '00-tour.ipynb'), join(work, '00-tour.ipynb'));
const port = await freePort();
const token = randomBytes(16).toString('hex');
const cmd = serverCommand(port, token, work);
const server = spawn(python, cmd.argv,
  { env: { ...process.env, PERFKERNEL_QUICK: '1' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
let serverLog = '';
server.stdout.on('data', d => { serverLog += d; });
server.stderr.on('data', d => { serverLog += d; });

let browser;
let page;
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
  await waitForServer(`${base}/api/status?token=${token}`, Date.now() + 90_000);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
  await page.goto(`${base}${cmd.path}?token=${token}`);
  const cell = frontend === 'classic' ? await runClassic(page) : await runLab(page);
  const output = cell.locator(frontend === 'classic' ? '.output_area' : '.jp-OutputArea');
  await output.locator('table').first().waitFor({ timeout: Math.max(1000, deadline - Date.now() - 90_000) });
  const tableText = await output.locator('table').first().innerText();
  if (!/fib|bench/i.test(tableText)) throw new Error('bench table does not name the benchmark: ' + tableText);
  if (frontend === 'classic') {
    // No Vega-Lite renderer: the static SVG.
    await output.locator('.output_svg svg').first().waitFor({ timeout: 60_000 });
  } else {
    // Vega-Lite drawn by vega-embed (a canvas or SVG inside the Vega output), not the static SVG.
    await output.locator('.vega-embed canvas, .vega-embed svg.marks').first().waitFor({ timeout: 60_000 });
    const statics = await output.locator('.jp-RenderedSVG').count();
    if (statics > 0) throw new Error('the chart shows as the static SVG, not as Vega-Lite');
  }
  const error = frontend === 'classic'
    ? (await cell.locator('.output_error').count() > 0 ? await cell.locator('.output_error').first().innerText() : null)
    : await page.evaluate(() => {
      const nb = window.jupyterapp.shell.currentWidget.content;
      const cell = nb.widgets.find(c => c.model.type === 'code' && c.model.sharedModel.getSource().startsWith('%bench'));
      const err = cell.model.outputs.toJSON().find(o => o.output_type === 'error');
      return err ? err.ename + ': ' + err.evalue : null;
    });
  if (error) throw new Error('the %bench cell shows an error: ' + error);
  await output.locator('table').first().scrollIntoViewIfNeeded();
  mkdirSync(dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: false });
  console.log(`${frontend}: %bench table and ${frontend === 'classic' ? 'static SVG' : 'Vega-Lite'} chart rendered; screenshot ${screenshot}`);
  if (withNbconvert) {
    await save(page);
    const file = join(work, '00-tour.ipynb');
    const stop = Date.now() + 30_000;
    for (;;) {
      try { checkStoredChart(file); break; } catch (e) {
        if (Date.now() > stop) throw e;
        await new Promise(r => setTimeout(r, 500));
      }
    }
    await checkNbconvert(browser, file, work);
  }
  console.log('browser check passed');
} catch (e) {
  failed = true;
  console.error(`browser check (${frontend}) FAILED:`, e.message);
  console.error(serverLog.split('\n').slice(-30).join('\n'));
  if (page) {
    // What the page showed when it failed, for the person reading the log.
    const shot = screenshot.replace(/\.png$/, '') + '-failed.png';
    await page.screenshot({ path: shot }).then(() => console.error('screenshot of the failure: ' + shot)).catch(() => {});
  }
} finally {
  if (browser) await browser.close().catch(() => {});
  cleanup(failed ? 1 : 0);
}
