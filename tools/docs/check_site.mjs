// Open every page of the site Quarto built (nbdev_docs -> _docs) in headless Chromium, at a desktop and a phone width,
// and report what a reader would see broken.
//   node tools/docs/check_site.mjs SITE_DIR EXPECT_JSON REPORT_JSON [SHOTS_DIR]      (EXPECT_JSON '-': every page, no counts to meet; '-:a.html,b.html': those pages)
// The pages are served from 127.0.0.1. The scripts a page loads from a CDN are answered with the local copies in
// tools/docs/node_modules, at the versions the page asks for; every outside request is listed in the report, and one
// that is not a known, version-pinned script (or the Colab badge) is a problem. Writes REPORT_JSON: per page and width
// the counts and the problems found; SHOTS_DIR gets a full-page screenshot of every page at every width.
// A page fails on: an element wider than the text column (except inside a box that scrolls on purpose: a code block,
// a wide table, a display formula) or a page that scrolls sideways; a text output that hides part of its lines, is
// taller than 1200 px, or (on a desktop screen) holds fewer than 80 characters a line; an API entry's code block that
// hides part of itself; an image that does not load, is cut, runs past the column or is shrunk below 60 % of its room;
// the Colab badge drawn as a figure; fewer figures or widgets than the notebook saved; an untypeset formula or a math
// error; raw Markdown (bold, code, links, fenced divs, $math$) in the text; a name in a table broken inside a word;
// a link to the page's Markdown copy; a missing title or description; a JavaScript or console error; a broken
// internal link or anchor; an outside request that is not a pinned script (the Colab badge gets a stand-in of its size).
import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [siteDir, expectFile, reportFile, shots] = process.argv.slice(2);
const NM = path.join(path.dirname(fileURLToPath(import.meta.url)), 'node_modules');
const WIDTHS = [1280, 390];
const BADGE = 'https://colab.research.google.com/assets/colab-badge.svg';
const BADGE_STANDIN = '<svg xmlns="http://www.w3.org/2000/svg" width="117" height="20"><rect width="117" height="20" rx="3" fill="#555"/>' +
  '<text x="58" y="14" fill="#fff" font-family="sans-serif" font-size="11" text-anchor="middle">Open in Colab</text></svg>';
// outside scripts a page may load: an exact version in the URL, answered here from node_modules
const KNOWN = [
  [/^https:\/\/cdn\.jsdelivr\.net\/npm\/mathjax@3\.2\.2\/es5\/(.*)$/, m => path.join(NM, 'mathjax3', 'es5', m[1])],
  [/^https:\/\/cdnjs\.cloudflare\.com\/ajax\/libs\/require\.js\/2\.3\.6\/require\.min\.js$/, () => path.join(NM, 'requirejs', 'require.js')],
  [/^https:\/\/cdnjs\.cloudflare\.com\/ajax\/libs\/jquery\/3\.5\.1\/jquery\.min\.js$/, () => path.join(NM, 'jquery', 'dist', 'jquery.min.js')],
  [/^https:\/\/unpkg\.com\/@jupyter-widgets\/html-manager@1\.0\.15\/dist\/(.*)$/, m => path.join(NM, '@jupyter-widgets', 'html-manager', 'dist', m[1])],
  // Quarto's MathJax include: an ES6 polyfill service, which a current browser does not need (answered with nothing)
  [/^https:\/\/cdnjs\.cloudflare\.com\/polyfill\/v3\/polyfill\.min\.js/, () => null],
];
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml',
  '.json': 'application/json', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.jpg': 'image/jpeg', '.gif': 'image/gif' };
// EXPECT_JSON '-': every page of the site, with no counts to meet (figures, widgets, formulas are still checked as shown)
// '-:a.html,b.html': those pages only
const expect = expectFile.startsWith('-')
  ? Object.fromEntries((expectFile.length > 2 ? expectFile.slice(2).split(',') : fs.readdirSync(siteDir).filter(f => f.endsWith('.html')).sort())
      .map(f => [f, { figures: 0, widgets: 0, math: false }]))
  : JSON.parse(fs.readFileSync(expectFile, 'utf8'));

const server = http.createServer((req, res) => {
  const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
  const f = path.resolve(siteDir, rel);
  if (!f.startsWith(path.resolve(siteDir)) || !fs.existsSync(f) || !fs.statSync(f).isFile()) { res.writeHead(404); res.end('not found'); return; }
  res.writeHead(200, { 'content-type': TYPES[path.extname(f)] || 'application/octet-stream' });
  if (f.endsWith('.html')) {
    // the local copies of CDN files are the same releases but not always the same bytes (require.js is not minified
    // on npm): subresource-integrity hashes would refuse them, so the check's copy of a page goes without them
    res.end(fs.readFileSync(f, 'utf8').replace(/\sintegrity="[^"]*"/g, ''));
  } else fs.createReadStream(f).pipe(res);
});
await new Promise(r => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: process.env.L2PA_CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const report = { browser: browser.version(), pages: {}, outside: {}, problems: [] };
const ids = {}, links = [];
if (shots) fs.mkdirSync(shots, { recursive: true });

// what the page shows, measured in the page
function measure([badge]) {
  const out = { problems: [] };
  const main = document.querySelector('main#quarto-document-content') || document.querySelector('main') || document.body;
  const col = main.getBoundingClientRect();
  const vis = el => { const b = el.getBoundingClientRect(); const s = getComputedStyle(el); return b.width > 0 && b.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
  const scrolls = el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const inScroller = el => { for (let p = el; p && p !== main; p = p.parentElement) if (scrolls(p)) return p; return null; };
  const name = el => (el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).slice(0, 2).join('.') : ''));
  const near = el => { let h = el; while (h && !/^H[1-6]$/.test(h.tagName)) h = h.previousElementSibling || h.parentElement; return h ? ` (under "${h.textContent.trim().slice(0, 50)}")` : ''; };
  // 1. nothing wider than the column, except inside a box that scrolls on purpose (a code block, a wide table's box)
  const wide = [];
  for (const el of main.querySelectorAll('*')) {
    if (!vis(el) || inScroller(el) || (el.closest('svg') && el.tagName !== 'svg') || el.closest('mjx-assistive-mml')) continue;   // MathJax's copy for screen readers is clipped to nothing
    const b = el.getBoundingClientRect();
    if (b.right > col.right + 2 || b.left < col.left - 2) {
      if (wide.some(w => w.contains(el))) continue;
      wide.push(el);
    }
  }
  for (const el of wide.slice(0, 6)) out.problems.push(`${name(el)} is ${Math.round(el.getBoundingClientRect().width)} px wide, past the ${Math.round(col.width)} px column${near(el)}: "${el.textContent.trim().slice(0, 50)}"`);
  if (wide.length > 6) out.problems.push(`… and ${wide.length - 6} more elements wider than the column`);
  if (document.documentElement.scrollWidth > window.innerWidth + 1) out.problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px wide in a ${window.innerWidth} px window`);
  // 2. text outputs: every character visible (no hidden overflow), and short
  const outs = [...main.querySelectorAll('.cell-output pre, .cell-output-stdout pre, .cell-output-stderr pre')];
  out.text_outputs = outs.length;
  if (outs.length && window.innerWidth >= 1000) {   // a terminal's 80 columns fit an output box on a desktop screen
    const p = outs[0], probe = document.createElement('span'); probe.textContent = 'x'.repeat(80); probe.style.whiteSpace = 'pre';
    p.appendChild(probe); const w = probe.getBoundingClientRect().width; probe.remove();
    const s = getComputedStyle(p), room = p.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
    if (w > room + 1) out.problems.push(`a text output holds ${Math.floor(80 * room / w)} characters a line, not 80: printed tables and --help wrap${near(p)}`);
  }
  for (const p of outs) {
    if (p.scrollWidth > p.clientWidth + 1) out.problems.push(`a text output hides ${p.scrollWidth - p.clientWidth} px of its lines${near(p)}: "${p.textContent.trim().slice(0, 60)}"`);
    if (p.getBoundingClientRect().height > 1200) out.problems.push(`a text output is ${Math.round(p.getBoundingClientRect().height)} px tall${near(p)}: "${p.textContent.trim().slice(0, 60)}"`);
  }
  // 3. API entries (show_doc's signature block, right under its heading, or in a Markdown output): the code block shows all of itself
  for (const c of main.querySelectorAll('.cell-output-markdown div.sourceCode, .cell-output-markdown pre, :is(h2, h3, h4) + div.sourceCode')) {
    const pre = c.tagName === 'PRE' ? c : c.querySelector('pre') || c;
    if (pre.scrollWidth > pre.clientWidth + 1) out.problems.push(`an API entry's code block hides ${pre.scrollWidth - pre.clientWidth} px${near(c)}: "${pre.textContent.trim().slice(0, 60)}"`);
    const md = pre.textContent.match(/#.*(`[^`\s][^`]*`|\]\(\S+\))/);   // parameter comments in the signature, their Markdown as typed
    if (c.matches(':is(h2, h3, h4) + div.sourceCode') && md) out.problems.push(`raw Markdown in an API entry's code block${near(c)}: "${md[1].slice(0, 60)}"`);
  }
  // 4. images: loaded, wholly visible, not shrunk to illegibility when there is room
  const imgs = [...document.querySelectorAll('img')];
  out.images = imgs.length; out.figures_shown = 0;
  for (const i of imgs) {
    const src = (i.getAttribute('src') || '').slice(0, 80);
    if (i.getAttribute('src') === badge) {
      if (i.closest('figure') || i.closest('.quarto-figure')) out.problems.push('the Open-in-Colab badge is shown as a figure (with a caption), not as a link in the text');
      continue;
    }
    if (!(i.complete && i.naturalWidth > 0)) { out.problems.push(`an image does not load: ${src}`); continue; }
    if (!main.contains(i) || !vis(i)) continue;
    out.figures_shown++;
    const b = i.getBoundingClientRect();
    let clip = null;
    for (let p = i.parentElement; p && p !== document.body; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.overflowX !== 'visible' || s.overflow !== 'visible') { const r = p.getBoundingClientRect(); if (b.left < r.left - 1 || b.right > r.right + 1) { clip = p; break; } }
    }
    if (clip) out.problems.push(`an image is cut: ${Math.round(b.width)} px wide in a ${Math.round(clip.getBoundingClientRect().width)} px box (${src})${near(i)}`);
    else if (b.right > col.right + 2) out.problems.push(`an image runs past the column: ${Math.round(b.width)} px wide (${src})${near(i)}`);
    if (i.closest('.cell-output-display') && !i.closest('.jupyter-widgets, .widget-subarea') && !i.closest('a.lightbox'))
      out.problems.push(`a figure does not open at full size when clicked (no lightbox: on a phone it stays at the column's width) (${src})${near(i)}`);
    const natural = i.naturalWidth / (window.devicePixelRatio || 1), shown = b.width;
    if (window.innerWidth >= 1000 && shown < 0.6 * Math.min(natural, col.width)) out.problems.push(`an image is shown at ${Math.round(shown)} px, ${Math.round(100 * shown / Math.min(natural, col.width))} % of the room it has, where its text is hard to read (${src})${near(i)}`);
  }
  // 5. widgets rendered
  out.widgets_rendered = [...document.querySelectorAll('.widget-subarea, .jupyter-widgets')].filter(w => w.children.length && vis(w)).length;
  // 6. formulas typeset (MathJax 3 puts an mjx-container in every span.math)
  const maths = [...main.querySelectorAll('span.math')];
  out.math = maths.length;
  const untypeset = maths.filter(m => !m.querySelector('mjx-container'));
  if (untypeset.length) out.problems.push(`${untypeset.length} of ${maths.length} formulas are not typeset, e.g. ${untypeset[0].textContent.slice(0, 60)}`);
  for (const e of [...main.querySelectorAll('mjx-merror, [data-mjx-error]')].slice(0, 3)) out.problems.push(`math error: ${(e.getAttribute('data-mjx-error') || e.textContent).slice(0, 80)}`);
  // 7. no raw Markdown in the text a reader sees (code, math and scripts aside)
  const raw = [[/\*\*[^*\s][^*]*\*\*/, 'bold'], [/`[^`\s][^`]*`/, 'code'], [/\]\((https?:|[\w./#-]+\.(html|ipynb))/, 'link'], [/^\s*:::/m, 'fenced div'], [/(^|\s)\$[^$\s][^$]*\$(\s|$|[.,;])/, 'math']];
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT, { acceptNode: n => n.parentElement.closest('code, pre, script, style, mjx-container, .sourceCode, span.math, textarea') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT });
  const seenRaw = [];
  for (let n; (n = walker.nextNode()) && seenRaw.length < 4;) {
    for (const [re, what] of raw) if (re.test(n.textContent) && vis(n.parentElement)) { seenRaw.push(`raw Markdown (${what}) in the text: "${n.textContent.trim().slice(0, 70)}"`); break; }
  }
  out.problems.push(...seenRaw);
  // 8. names in tables do not break inside a word (at a space or after a hyphen is where a reader expects a break)
  const midWord = el => {
    if (el.getClientRects().length < 2) return false;
    const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT); let prev = null;
    for (let n; (n = w.nextNode());) for (let i = 0; i < n.length; i++) {
      const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
      const b = r.getBoundingClientRect(), c = n.data[i];
      if (!b.width || /\s/.test(c)) { prev = null; continue; }
      if (prev && b.top > prev.top + 2 && !/[-\/]/.test(prev.c)) return true;
      prev = { top: b.top, c };
    }
    return false;
  };
  for (const a of [...main.querySelectorAll('td a, td code')].slice(0, 400)) {
    if (midWord(a)) { out.problems.push(`"${a.textContent.trim()}" breaks inside a word${near(a)}`); break; }
  }
  // 9. links to other formats of the page (Quarto's "Other formats: CommonMark")
  // (a link to a Markdown file on another site, e.g. CONTRIBUTING.md on GitHub, is an ordinary link)
  if ([...document.querySelectorAll('a')].some(a => { const h = a.getAttribute('href'); if (!h) return false; const u = new URL(h, location.href); return /\.md$/.test(u.pathname) && u.host === location.host && vis(a); })) out.problems.push('a link to the page\'s Markdown copy ("Other formats")');
  out.ids = [...document.querySelectorAll('[id]')].map(x => x.id);
  out.code = [...new Set([...document.querySelectorAll('code')].map(x => x.textContent.trim()).filter(t => t.length < 80))];
  out.links = [...document.querySelectorAll('a[href]')].map(a => a.href);
  out.title = document.querySelector('h1.title')?.textContent || '';
  out.description = document.querySelector('meta[name="description"]')?.content || document.querySelector('.description')?.textContent || '';
  return out;
}

for (const [name, e] of Object.entries(expect)) {
  report.pages[name] = {};
  for (const width of WIDTHS) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    const problems = [];
    page.on('pageerror', err => problems.push(`JavaScript error: ${err.message.split('\n')[0]}`));
    page.on('console', m => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console error: ${m.text().slice(0, 300)}`); });
    page.on('response', r => { if (r.status() >= 400 && r.url().startsWith(base)) problems.push(`HTTP ${r.status()} for ${r.url().replace(base, '/')}`); });
    await page.route('**/*', async route => {
      const u = route.request().url();
      if (u.startsWith(base) || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
      report.outside[u] = (report.outside[u] || 0) + 1;
      // Colab's own badge: not fetched here; a stand-in of its size, so that the screenshots show the page as laid out
      if (u === BADGE) return route.fulfill({ status: 200, contentType: 'image/svg+xml', body: BADGE_STANDIN });
      for (const [re, file] of KNOWN) {
        const m = u.match(re);
        if (!m) continue;
        const f = file(m);
        if (f === null) return route.fulfill({ status: 200, contentType: 'text/javascript', body: '' });
        if (fs.existsSync(f)) return route.fulfill({ status: 200, contentType: TYPES[path.extname(f)] || 'application/octet-stream', body: fs.readFileSync(f) });
        problems.push(`no local copy of ${u} in tools/docs/node_modules (npm ci --prefix tools/docs)`); return route.abort();
      }
      problems.push(`the page loads ${u}: not a known script at a pinned version`);
      return route.abort();
    });
    const t0 = Date.now();
    await page.goto(base + name, { waitUntil: 'load' });
    await page.evaluate(() => (window.MathJax && window.MathJax.startup && window.MathJax.startup.promise) || null).catch(() => null);
    if (e.widgets) await page.waitForFunction(n => [...document.querySelectorAll('.widget-subarea, .jupyter-widgets')].filter(w => w.children.length).length >= n, e.widgets, { timeout: 30000 }).catch(() => {});
    await page.waitForLoadState('networkidle');
    const r = await page.evaluate(measure, [BADGE]);
    problems.push(...r.problems);
    if (r.figures_shown < e.figures) problems.push(`shows ${r.figures_shown} figures; the notebook saved ${e.figures}`);
    if (r.widgets_rendered < e.widgets) problems.push(`renders ${r.widgets_rendered} widgets; the notebook saved ${e.widgets}`);
    if (e.math && !r.math) problems.push('the notebook has $…$ math but the page shows no formula');
    if (!r.title || !r.description) problems.push('no title or no description');
    if (shots) await page.screenshot({ path: path.join(shots, `${name.replace(/\.html$/, '')}-${width}.png`), fullPage: true });
    report.pages[name][width] = { images: r.images, figures_shown: r.figures_shown, widgets_rendered: r.widgets_rendered, math: r.math,
      text_outputs: r.text_outputs, links_internal: r.links.filter(l => l.startsWith(base)).length, load_ms: Date.now() - t0, problems };
    if (width === WIDTHS[0]) { ids[name] = new Set(r.ids); report.pages[name].ids = r.ids; report.pages[name].code = r.code; for (const l of r.links) links.push([name, l]); }
    await ctx.close();
  }
}
// internal links: the page must exist (or a file beside the pages) and so must the anchor
for (const [from, l] of links) {
  if (!l.startsWith(base)) continue;
  const u = new URL(l); const target = decodeURIComponent(u.pathname).replace(/^\/+/, '') || 'index.html';
  const frag = decodeURIComponent(u.hash.slice(1));
  const probs = report.pages[from][WIDTHS[0]].problems;
  if (ids[target] === undefined) { if (!fs.existsSync(path.join(siteDir, target))) probs.push(`broken link to ${target}${u.hash}`); continue; }
  if (frag && !ids[target].has(frag)) probs.push(`broken link: ${target} has no anchor #${frag}`);
}
await browser.close(); server.close();
fs.writeFileSync(reportFile, JSON.stringify(report, null, 1));
