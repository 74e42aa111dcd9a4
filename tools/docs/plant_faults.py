#!/usr/bin/env python
"""Show that the site check (tools/docs/check_site.mjs) catches the faults the real site had: plant each one in a copy of
a built site, check the page it was planted in, and report whether the check named it.

    python tools/docs/plant_faults.py SITE_DIR     # SITE_DIR: the site nbdev_docs built (_docs)

Exit 1 if a planted fault goes unreported. Needs what check_site.mjs needs (npm ci --prefix tools/docs, Chromium)."""
import json, re, shutil, subprocess, sys, tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
BADGE = 'https://colab.research.google.com/assets/colab-badge.svg'

def _first_para(s, html):
    "Insert `html` as a paragraph after the page's first paragraph of the main text"
    i = s.index('</p>', s.index('id="quarto-document-content"')) + 4
    return s[:i] + html + s[i:]

def no_img_rule(site, page):
    "figures keep their pixel width: the style rule that scales them to the column is gone"
    css = site/'styles.css'; css.write_text(css.read_text().replace('max-width: 100%;\n  height: auto;', 'max-width: none;'))
    s = (site/page).read_text(); (site/page).write_text(s.replace('class="img-fluid', 'class="'))   # Bootstrap's own rule too
def badge_figure(site, page):
    "the Open-in-Colab badge as Quarto draws a Markdown image alone in its paragraph: a figure with a caption"
    s = (site/page).read_text()
    s = re.sub(r'<a href="https://colab\.research\.google\.com/github/[^"]*"><img [^>]*></a>',
               f'<div class="quarto-figure quarto-figure-center"><figure class="figure"><p><img src="{BADGE}" class="img-fluid figure-img"></p>'
               '<figcaption>Open In Colab</figcaption></figure></div>', s, count=1)
    (site/page).write_text(s)
def _no_wrap_rule(site):
    "The site without its rule that wraps the lines of outputs (as before it had one)"
    css = site/'styles.css'; css.write_text(css.read_text().replace('white-space: pre-wrap;\n  overflow-wrap: anywhere;\n}', 'white-space: pre;\n}', 1))

def api_overflow(site, page):
    "an API entry whose parameter comments sit in its code block, one long line (and no rule wraps it)"
    _no_wrap_rule(site)
    (site/page).write_text(_first_para((site/page).read_text(), '<div class="cell-output cell-output-markdown"><div class="sourceCode"><pre class="sourceCode python"><code class="sourceCode python">'
        'def f(x,  # ' + 'a long comment about the parameter, with a [link](https://example.org) in it ' * 3 + ')</code></pre></div></div>'))
def api_markdown(site, page):
    "an API entry as nbdev's default renderer draws it: under its heading, the parameter comments in the signature block, their Markdown as typed"
    (site/page).write_text(_first_para((site/page).read_text(), '<section class="level3"><h3>f</h3><div class="sourceCode"><pre class="sourceCode python"><code class="sourceCode python">'
        'def f(\n    x:int, # the `N` of [maps](localize.html)\n):</code></pre></div></section>'))
def output_overflow(site, page):
    "a text output that keeps its long lines (no rule wraps them), hiding numbers on the right"
    _no_wrap_rule(site)
    (site/page).write_text(_first_para((site/page).read_text(), '<div class="cell-output cell-output-stdout"><pre style="white-space: pre; overflow-x: auto"><code>'
        + ' '.join(f'{k:.4f}' for k in range(60)) + '</code></pre></div>'))
def long_output(site, page):
    "a long dump (a JSON of ~100 lines) as a text output"
    (site/page).write_text(_first_para((site/page).read_text(), '<div class="cell-output cell-output-stdout"><pre><code>' + '\n'.join(f'"key{k}": {k}' for k in range(100)) + '</code></pre></div>'))
def narrow_output(site, page):
    "text outputs at the code font's size, where a --help of 80 columns wraps every other line on a desktop screen"
    css = site/'styles.css'; css.write_text(css.read_text().replace('font-size: 0.8rem;', ''))
def no_lightbox(site, page):
    "figures that do not open at full size (Quarto's lightbox off), so a phone shows them only at a third of their width"
    s = (site/page).read_text(); (site/page).write_text(re.sub(r'<a href="[^"]*" class="lightbox"[^>]*>(<img[^>]*>)</a>', r'\1', s))
def unpinned(site, page):
    "a script from a CDN without a version (@*)"
    s = (site/page).read_text(); (site/page).write_text(s.replace('</head>', '<script src="https://unpkg.com/@jupyter-widgets/html-manager@*/dist/embed-amd.js"></script></head>', 1))
def raw_markdown(site, page):
    "Markdown that was not rendered: bold and a link as typed"
    (site/page).write_text(_first_para((site/page).read_text(), '<p>The **network** returns [maps](localize.html) of each level.</p>'))
def small_figure(site, page):
    "a figure shown at 300 px in a column that has room for it"
    s = (site/page).read_text(); (site/page).write_text(re.sub(r'<img src="(?!https)', '<img width="300" style="width: 300px" src="', s, count=1))
def other_formats(site, page):
    "Quarto's \"Other formats: CommonMark\" link"
    (site/page).write_text(_first_para((site/page).read_text(), f'<div class="quarto-alternate-formats"><h2>Other Formats</h2><ul><li><a href="{page}.md">CommonMark</a></li></ul></div>'))
def broken_math(site, page):
    "a formula MathJax cannot typeset"
    (site/page).write_text(_first_para((site/page).read_text(), '<p>Broken: <span class="math inline">\\(\\frac{a}{\\)</span>.</p>'))
def broken_anchor(site, page):
    "a link to an anchor that does not exist"
    (site/page).write_text(_first_para((site/page).read_text(), '<p><a href="core.html#no_such_function">a function</a></p>'))
def mid_word(site, page):
    "names in a table break mid-word (the rule that keeps them whole is gone)"
    css = site/'styles.css'; css.write_text(css.read_text().replace('white-space: nowrap !important;', 'white-space: normal !important; overflow-wrap: anywhere !important;')
                                             .replace('overflow-wrap: normal !important;', 'overflow-wrap: anywhere !important;'))

# (fault, page planted in, words the report must contain, width)
FAULTS = [(no_img_rule, 'index.html', 'image', 390), (badge_figure, 'visualize.html', 'badge is shown as a figure', 1280),
          (api_overflow, 'core.html', "API entry's code block hides", 1280), (api_markdown, 'core.html', "raw Markdown in an API entry", 390), (output_overflow, 'train.html', 'text output hides', 1280),
          (long_output, 'train.html', 'text output is', 1280), (narrow_output, 'cli.html', 'characters a line, not 80', 1280), (no_lightbox, 'robustness.html', 'does not open at full size', 390), (unpinned, 'core.html', 'not a known script at a pinned version', 1280),
          (raw_markdown, 'core.html', 'raw Markdown', 1280), (small_figure, 'visualize.html', 'of the room it has', 1280),
          (other_formats, 'core.html', 'Markdown copy', 1280), (broken_math, 'core.html', 'formulas are not typeset', 1280),
          (broken_anchor, 'core.html', 'has no anchor #no_such_function', 1280), (mid_word, 'index.html', 'breaks inside a word', 390)]

def main(site):
    site = Path(site).resolve(); missed = 0
    for fault, page, words, width in FAULTS:
        with tempfile.TemporaryDirectory() as d:
            copy = Path(d)/'site'; shutil.copytree(site, copy)
            fault(copy, page)
            exp = Path(d)/'expect.json'; exp.write_text(json.dumps({page: dict(figures=0, widgets=0, math=False)}))
            rep = Path(d)/'report.json'
            subprocess.run(['node', str(HERE/'check_site.mjs'), str(copy), str(exp), str(rep)], check=True, capture_output=True)
            probs = json.loads(rep.read_text())['pages'][page][str(width)]['problems']
            hit = [p for p in probs if words in p]
            missed += not hit
            print(f"{'caught' if hit else 'MISSED'}  {fault.__name__:16} ({fault.__doc__}) in {page} at {width} px: {(hit or probs or ['no problem reported'])[0][:150]}")
    print(f'{len(FAULTS) - missed} of {len(FAULTS)} planted faults reported')
    sys.exit(1 if missed else 0)

if __name__ == '__main__': main(sys.argv[1])
