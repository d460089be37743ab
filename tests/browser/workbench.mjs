// The workbench in a real browser (Debian's chromium, driven by playwright-core): open the page,
// type a case, and check that the decision shown is the one the service decides; a typo in the
// case and in the layer is underlined and listed; English is switchable. Usage:
//   node workbench.mjs http://127.0.0.1:PORT [screenshot.png]
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import assert from "node:assert/strict";

const base = process.argv[2];
const shot = process.argv[3];
const root = new URL("../../", import.meta.url);
const kase = readFileSync(new URL("examples/cases/minor-minor-notification.yaml", root), "utf8");

async function explained(text, lang) {
  const r = await fetch(`${base}/v1/decide?explain=${lang}`, { method: "POST", headers: { "content-type": "application/yaml" }, body: text });
  assert.equal(r.status, 200);
  return (await r.json()).explanation;
}

// Waits until the page has shown the answer to the latest edit.
async function settled(page) {
  await page.waitForFunction(() => {
    const s = document.getElementById("status").textContent;
    return s === "已更新" || s === "up to date";
  });
  await page.waitForTimeout(350);
  await page.waitForFunction(() => {
    const s = document.getElementById("status").textContent;
    return s === "已更新" || s === "up to date";
  });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const outside = [];
  page.on("request", (r) => { if (!r.url().startsWith(base)) outside.push(r.url()); });
  await page.goto(base + "/");
  await page.waitForSelector("#decisions .decision");
  assert.match(await page.locator("#layer").inputValue(), /^\s*(\/\/.*\n\s*)*layer /m, "the layer editor opens with a layer");

  // Type a case: the decision shown is the service's, word for word.
  await page.locator("#case").fill("");
  await page.locator("#case").pressSequentially(kase.slice(0, 40));
  await page.locator("#case").fill(kase);
  await settled(page);
  const zh = await explained(kase, "zh");
  const shown = await page.locator("#decisions .decision pre").first().textContent();
  assert.ok(shown.startsWith(zh.trimEnd()), `the page shows the decision:\n${shown.slice(0, 300)}\nexpected:\n${zh.slice(0, 300)}`);
  assert.equal(await page.locator("#case-problems li").count(), 0);

  // A misspelt key: listed with its place, underlined, and nothing decided.
  await page.locator("#case").fill(kase.replace(/^harm:/m, "hram:"));
  await settled(page);
  const problem = await page.locator("#case-problems li").first().textContent();
  assert.match(problem, /hram/);
  assert.match(problem, /第 \d+ 行第 1 列/);
  assert.ok(await page.locator("#case-view .bad").count() > 0, "the typo is underlined");
  assert.equal(await page.locator("#decisions .decision").count(), 0);

  // A mistake in the layer: listed and underlined.
  const layer = await page.locator("#layer").inputValue();
  await page.locator("#layer").fill(layer + "\nrule broken when no_such_fact then x = y\n");
  await settled(page);
  assert.ok(await page.locator("#layer-problems li").count() > 0, "the layer's problem is listed");
  assert.ok(await page.locator("#layer-view .bad").count() > 0, "and underlined");
  await page.locator("#layer").fill(layer);
  await page.locator("#case").fill(kase);
  await settled(page);
  assert.equal(await page.locator("#layer-problems li.warning, #layer-problems li").count(), 0, "the layer checks again");

  // English.
  await page.locator("#lang-en").click();
  await settled(page);
  const en = await explained(kase, "en");
  const shownEn = await page.locator("#decisions .decision pre").first().textContent();
  assert.ok(shownEn.startsWith(en.trimEnd()), "the English decision is shown");
  assert.equal(await page.locator(".tabs button").first().textContent(), "Decision and reasons");

  // Scenarios pasted in: each one's result, and what they exercise of the layer.
  const scenarios = readFileSync(new URL("tests/scenarios/sample-province/definitions-article-3.yaml", root), "utf8");
  await page.locator("#case").fill(scenarios);
  await settled(page);
  const results = await page.locator("#decisions .scenario").count();
  assert.ok(results >= 3, `each scenario has its result (${results})`);
  assert.equal(await page.locator("#decisions .scenario.no").count(), 0, "they pass");
  await page.locator('.tabs button[data-tab="coverage"]').click();
  assert.match(await page.locator("#coverage").textContent(), /3\.1/);
  await page.locator("#case").fill(scenarios.replace("rung: admonishment", "rung: notification"));
  await settled(page);
  assert.equal(await page.locator("#decisions .scenario.no").count(), 1, "a wrong expectation fails");
  await page.locator("#case").fill(kase);
  await settled(page);

  // The articles tab shows the text of the law.
  await page.locator('.tabs button[data-tab="articles"]').click();
  await page.waitForSelector("#articles .article");
  await page.locator("#lang-zh").click();
  await settled(page);
  await page.locator('.tabs button[data-tab="decision"]').click();
  assert.deepEqual(errors, [], "no script error");
  assert.deepEqual(outside, [], "nothing fetched from elsewhere");
  if (shot) {
    await page.locator("#case").fill(readFileSync(new URL("examples/cases/mixed-roles-multi-person.yaml", root), "utf8"));
    await settled(page);
    await page.evaluate(() => {
      for (const id of ["layer", "case"]) {
        const t = document.getElementById(id);
        t.setSelectionRange(0, 0);
        t.scrollTop = 0;
        t.dispatchEvent(new Event("scroll"));
      }
    });
    await page.screenshot({ path: shot });
  }
  console.log("workbench: ok (typed a case, saw its decision in zh and en; a typo in the case and in the layer underlined and listed; scenarios pasted in run, one failing)");
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
