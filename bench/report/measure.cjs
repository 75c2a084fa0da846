// Loads a page written by `ecg report html` in headless Chromium and prints how long the
// first render, a rule filter, a search and "show more" take (milliseconds), ROUNDS times.
// usage: node measure.cjs REPORT.html [ROUNDS]
'use strict';
const path = require('path');
const { chromium } = require(process.env.ECG_PLAYWRIGHT || 'playwright-core');

async function once(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForSelector('body[data-render-ms]');
  const load = Date.now() - t0;
  const render = Number(await page.$eval('body', (b) => b.dataset.renderMs));
  const rule = await page.$eval('#f-rule option:nth-child(2)', (o) => o.value);
  const timed = (fn) => page.evaluate(fn);
  const filter = await timed(`(() => { const s = document.getElementById('f-rule'); const t = performance.now();
    s.value = ${JSON.stringify(rule)}; s.dispatchEvent(new Event('change')); return performance.now() - t; })()`);
  const search = await timed(`(() => { const s = document.getElementById('f-rule'); s.value = '';
    s.dispatchEvent(new Event('change')); location.hash = 'q=free'; const t = performance.now();
    window.dispatchEvent(new HashChangeEvent('hashchange')); return performance.now() - t; })()`);
  const more = await timed(`(() => { location.hash = ''; window.dispatchEvent(new HashChangeEvent('hashchange'));
    const t = performance.now(); document.getElementById('more').click(); return performance.now() - t; })()`);
  const findings = await page.$eval('#tab-open', (b) => b.dataset.count);
  await page.close();
  return { load, render, filter, search, more, findings, errors: errors.length };
}

async function main() {
  const [report, rounds = '3'] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.ECG_CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
  const url = 'file://' + path.resolve(report);
  for (let i = 0; i < Number(rounds); i++) {
    const r = await once(browser, url);
    console.log(`round ${i + 1}: findings=${r.findings} load_ms=${r.load} render_ms=${r.render} ` +
      `filter_ms=${r.filter.toFixed(1)} search_ms=${r.search.toFixed(1)} ` +
      `more_ms=${r.more.toFixed(1)} page_errors=${r.errors}`);
  }
  await browser.close();
}

main().catch((e) => { console.error(e); process.exit(1); });
