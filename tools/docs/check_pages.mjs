// Open every rendered docs page in headless Chromium and report what a reader would see broken.
//   node tools/docs/check_pages.mjs OUT_DIR EXPECT_JSON REPORT_JSON [SCREENSHOT_PNG]
// OUT_DIR holds the pages (tools/check_docs.py renders them); EXPECT_JSON maps each page to the number of figures and
// widgets its notebook saved. The pages are served from 127.0.0.1; any request that would leave the machine is
// refused and reported. Writes REPORT_JSON: per page the counts and the problems found.
import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const [outDir, expectFile, reportFile, shot] = process.argv.slice(2);
const BADGES = ['https://colab.research.google.com/assets/colab-badge.svg'];
const expect = JSON.parse(fs.readFileSync(expectFile, 'utf8'));
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml',
  '.json': 'application/json', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.eot': 'application/vnd.ms-fontobject',
  '.jpg': 'image/jpeg', '.gif': 'image/gif', '.otf': 'font/otf' };

const server = http.createServer((req, res) => {
  const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
  const f = path.resolve(outDir, rel);
  if (!f.startsWith(path.resolve(outDir)) || !fs.existsSync(f) || !fs.statSync(f).isFile()) { res.writeHead(404); res.end('not found'); return; }
  res.writeHead(200, { 'content-type': TYPES[path.extname(f)] || 'application/octet-stream' });
  fs.createReadStream(f).pipe(res);
});
await new Promise(r => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({ executablePath: process.env.L2PA_CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const report = { browser: browser.version(), pages: {}, problems: [] };
const ids = {}, links = [];

for (const [name, e] of Object.entries(expect)) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const problems = [];
  page.on('pageerror', err => problems.push(`JavaScript error: ${err.message.split('\n')[0]}`));
  page.on('console', m => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console error: ${m.text().slice(0, 300)}`); });
  page.on('response', r => { if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url().replace(base, '/')}`); });
  page.on('requestfailed', r => { if (r.url().startsWith(base)) problems.push(`request failed: ${r.url().replace(base, '/')} (${r.failure()?.errorText})`); });
  await page.route('**/*', route => {
    const u = route.request().url();
    if (u.startsWith(base) || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
    // the Open-in-Colab badge is the one outside resource a page may show (an image from Colab itself, never fetched here)
    if (!(route.request().resourceType() === 'image' && BADGES.some(b => u.startsWith(b))))
      problems.push(`the page loads ${u} from the network (the site must not depend on a CDN)`);
    return route.abort();
  });
  const t0 = Date.now();
  await page.goto(base + name, { waitUntil: 'load' });
  // MathJax 2 typesets after load; the widget manager renders each saved widget view into a .widget-subarea
  await page.evaluate(() => new Promise(res => (window.MathJax && window.MathJax.Hub) ? window.MathJax.Hub.Queue(res) : res()));
  const viewTag = 'script[type="application/vnd.jupyter.widget-view+json"]';
  try {
    await page.waitForFunction(n => [...document.querySelectorAll('.widget-subarea')].filter(w => w.getBoundingClientRect().height > 0).length >= n, e.widgets, { timeout: 30000 });
  } catch { /* counted below */ }
  await page.waitForLoadState('networkidle');
  const load_ms = Date.now() - t0;
  const r = await page.evaluate(([viewTag, badges]) => {
    const vis = el => { const b = el.getBoundingClientRect(); const s = getComputedStyle(el); return b.width > 0 && b.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
    const imgs = [...document.querySelectorAll('img')].filter(i => !badges.includes(i.getAttribute('src')));
    const bad = imgs.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => (i.getAttribute('src') || '').slice(0, 80));
    const content = [...document.querySelectorAll('main img, .jp-Notebook img, body > img')].filter(i => !i.closest('#quarto-sidebar'));
    return {
      images: imgs.length, images_ok: imgs.length - bad.length, bad_images: bad,
      figures_shown: content.filter(i => i.complete && i.naturalWidth > 0 && vis(i)).length,
      widget_views: document.querySelectorAll(viewTag).length,
      widgets_rendered: [...document.querySelectorAll('.widget-subarea')].filter(w => w.children.length && vis(w)).length,
      ids: [...document.querySelectorAll('[id]')].map(x => x.id),
      code: [...new Set([...document.querySelectorAll('code')].map(x => x.textContent.trim()).filter(t => t.length < 80))],
      links: [...document.querySelectorAll('a[href]')].map(a => a.href),
      math: document.querySelectorAll('script[type^="math/tex"]').length,  // MathJax 2 keeps each formula's source here
      math_rendered: document.querySelectorAll('.MathJax_CHTML, .MathJax, .MathJax_Display').length,
      math_errors: [...document.querySelectorAll('.MathJax_Error, merror')].map(x => x.textContent.slice(0, 80)),
      raw_math: (document.querySelector('.jp-Notebook') || document.body).innerText.includes('$$'),
      title: document.title, h1: document.querySelector('#title-block-header h1')?.textContent || '',
      description: document.querySelector('meta[name="description"]')?.content || '',
    };
  }, [viewTag, BADGES]);
  if (r.bad_images.length) problems.push(`${r.bad_images.length} images do not load: ${r.bad_images.slice(0, 3).join(', ')}`);
  if (r.figures_shown < e.figures) problems.push(`shows ${r.figures_shown} figures; the notebook saved ${e.figures}`);
  if (r.widgets_rendered < e.widgets) problems.push(`renders ${r.widgets_rendered} widgets; the notebook saved ${e.widgets}`);
  for (const m of r.math_errors) problems.push(`math error: ${m}`);
  if (r.raw_math) problems.push('unrendered $$ math in the page');
  if (r.math_rendered < r.math) problems.push(`MathJax typeset ${r.math_rendered} of ${r.math} formulas`);
  if (e.math && !r.math) problems.push('the notebook has $…$ math but the page shows no formula');
  if (!r.h1 || !r.description) problems.push('no title or no description');
  ids[name] = new Set(r.ids);
  for (const l of r.links) links.push([name, l]);
  report.pages[name] = { images: r.images, images_ok: r.images_ok, figures_shown: r.figures_shown, widgets_rendered: r.widgets_rendered,
    math: r.math, links_internal: r.links.filter(l => l.startsWith(base)).length, load_ms, problems, ids: r.ids, code: r.code };
  if (shot && name === 'index.html') await page.screenshot({ path: shot, fullPage: true });
  await ctx.close();
}

// internal links: the page must be one of the rendered pages (or a file beside them) and the anchor must exist there
for (const [from, l] of links) {
  if (!l.startsWith(base)) continue;
  const u = new URL(l); const target = decodeURIComponent(u.pathname).replace(/^\/+/, '') || 'index.html';
  const frag = decodeURIComponent(u.hash.slice(1));
  if (ids[target] === undefined) {
    if (!fs.existsSync(path.join(outDir, target))) report.pages[from].problems.push(`broken link to ${target}${u.hash}`);
    continue;
  }
  if (frag && !ids[target].has(frag)) report.pages[from].problems.push(`broken link: ${target} has no anchor #${frag}`);
}
await browser.close(); server.close();
fs.writeFileSync(reportFile, JSON.stringify(report, null, 1));
