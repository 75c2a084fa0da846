// Drives a page written by `ecg report html` in headless Chromium (through playwright-core):
// the page must load with no console or page error, show the expected counts, and its rule
// filter, search box and tabs must change what is listed. Prints the render time.
// usage: node report_browser.cjs REPORT.html EXPECT.json [SCREENSHOT.png]
//   EXPECT: {"tabs": {"open": n, ...}, "rule": "id", "rule_count": n, "search": "text",
//            "search_count": n}
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require(process.env.ECG_PLAYWRIGHT || 'playwright-core');

const [report, expectPath, screenshot] = process.argv.slice(2);
const expected = JSON.parse(fs.readFileSync(expectPath, 'utf8'));
const failures = [];

function check(what, got, want) {
  if (String(got) !== String(want)) failures.push(`${what}: got ${got}, expected ${want}`);
}

async function listed(page) {
  return page.$$eval('#list article.finding', (cards) => cards.map((c) => c.dataset.rule));
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.ECG_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => { if (!r.url().startsWith('file:')) errors.push('network: ' + r.url()); });
  await page.goto('file://' + path.resolve(report));
  await page.waitForSelector('body[data-render-ms]');
  const renderMs = await page.$eval('body', (b) => b.dataset.renderMs);

  for (const [tab, n] of Object.entries(expected.tabs))
    check(`tab ${tab} count`, await page.$eval(`#tab-${tab}`, (b) => b.dataset.count), n);
  check('unfiltered matches', await page.$eval('#shown', (s) => s.dataset.matching), expected.tabs.open);
  check('listed', (await listed(page)).length, Math.min(200, expected.tabs.open));

  await page.selectOption('#f-rule', expected.rule);
  check('rule filter matches', await page.$eval('#shown', (s) => s.dataset.matching), expected.rule_count);
  const rules = await listed(page);
  check('rule filter lists only that rule', rules.every((r) => r === expected.rule), true);
  check('rule filter in the URL', (await page.evaluate(() => location.hash)).includes('rule='), true);

  await page.selectOption('#f-rule', '');
  await page.fill('#f-q', expected.search);
  await page.waitForFunction((n) => document.querySelector('#shown').dataset.matching === String(n),
    expected.search_count, { timeout: 5000 }).catch(() => {});
  check('search matches', await page.$eval('#shown', (s) => s.dataset.matching), expected.search_count);

  await page.click('#tab-suppressed');
  check('suppressed tab lists', (await listed(page)).length, Math.min(200, expected.tabs.suppressed));
  await page.click('#tab-open');
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: false });
  await browser.close();
  failures.push(...errors.map((e) => 'console: ' + e));
  console.log(`render_ms=${renderMs}`);
  if (failures.length) {
    console.error(failures.join('\n'));
    process.exit(1);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
