// End-to-end test of the page of `dabir serve` in headless Chromium.
//
// Starts `dabir serve` on a free port, pastes Persian text, checks the rendered
// edits, tokens and tooltips against the API's own answer, checks that the font is the
// embedded Vazirmatn and that nothing is fetched from another host, takes a screenshot
// and checks it is the viewport's size and not blank, then stops the server with
// SIGTERM and checks it exits cleanly.
//
// Environment: DABIR_BIN (default ../../target/debug/dabir), CHROMIUM (default
// /usr/bin/chromium), SCREENSHOT_DIR (default ./screenshots).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = process.env.DABIR_BIN || path.join(here, "../../target/debug/dabir");
const browserPath = process.env.CHROMIUM || "/usr/bin/chromium";
const shots = process.env.SCREENSHOT_DIR || path.join(here, "screenshots");
const VIEWPORT = { width: 1280, height: 900 };

// Arabic kaf and yeh, a half-space typed as a space, a straight-quoted quotation, three
// dots, a date and a number: every kind of layer has something to show.
const TEXT =
  "كتاب هاي خوب را مي خوانم. او گفت: \"فردا ساعت ۱۰ صبح به تهران مي روم\"...\n" +
  "قیمت نفت در ۱۵ خرداد ۱۴۰۲ به ۸۵ دلار رسید.";

let server;
let base;
let browser;

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ["serve", "--addr", "127.0.0.1:0"], { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    const timer = setTimeout(() => reject(new Error(`dabir serve did not start: ${err}`)), 30000);
    child.stderr.on("data", (chunk) => {
      err += chunk;
      const m = /serving on (http:\/\/[^/\s]+)\//.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    });
    child.on("exit", (code) => reject(new Error(`dabir serve exited (${code}): ${err}`)));
  });
}

before(async () => {
  assert.ok(existsSync(bin), `${bin} not found: build it (cargo build -p dabir-cli) or set DABIR_BIN`);
  const started = await startServer();
  server = started.child;
  base = started.url;
  browser = await chromium.launch({ executablePath: browserPath, args: ["--no-sandbox"] });
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) server.kill("SIGKILL");
});

test("the page cleans, segments and explains a pasted text", async () => {
  const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const errors = [];
  const foreign = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("request", (r) => !r.url().startsWith(base) && !r.url().startsWith("data:") && foreign.push(r.url()));

  await page.goto(`${base}/`);
  await page.waitForSelector("body[data-state=ready]");
  assert.equal(await page.getAttribute("html", "dir"), "rtl");
  assert.equal(await page.$eval("#input", (e) => getComputedStyle(e).direction), "rtl");

  await page.fill("#input", TEXT);
  await page.click("#analyze");
  await page.waitForSelector("body[data-state=done]", { timeout: 30000 });

  // The API's answer for the same text, to check the page against.
  const doc = await (await fetch(`${base}/v1/analyze`, {
    method: "POST",
    body: JSON.stringify({ text: TEXT, options: { preset: "standard", restore_zwnj: true } }),
  })).json();

  // The cleaned text is shown whole, every edit marked.
  assert.equal(await page.textContent("#cleaned"), doc.text);
  assert.ok(doc.text.includes("کتاب\u200cهای"), doc.text);
  const kinds = await page.$$eval("#cleaned mark.edit", (ms) => ms.map((m) => m.dataset.kind));
  assert.ok(kinds.includes("letter"), kinds.join());
  assert.ok(kinds.includes("space_to_zwnj") || kinds.includes("zwnj_inserted"), kinds.join());
  assert.equal(await page.$$eval("#edits tbody tr", (rs) => rs.length), doc.edits.length);

  // Hovering an edit explains it.
  await page.hover('#cleaned mark.edit[data-kind="letter"]');
  await page.waitForSelector("#tip:not([hidden])");
  assert.match(await page.textContent("#tip"), /Arabic letter written in its Persian form/);

  // Sentences and tokens.
  const sentences = await page.$$eval("#sentences > li", (ls) => ls.length);
  assert.ok(sentences >= 3, `${sentences} sentences`);
  const forms = await page.$$eval("#sentences .token .form", (ts) => ts.map((t) => t.textContent));
  assert.ok(forms.includes("تهران"), forms.join(" "));
  const token = page.locator("#sentences .token", { hasText: "تهران" }).first();
  await token.hover();
  await page.waitForSelector("#tip:not([hidden])");
  const tipText = await page.textContent("#tip");
  assert.match(tipText, /تهران/);
  if (Array.isArray(doc.words) && doc.words.some((w) => w.lemma)) {
    assert.match(tipText, /بن‌واژه/); // lemma shown once the Document has words
  }

  // Entities and facts are drawn when the Document has them.
  if (Array.isArray(doc.entities) && doc.entities.length) {
    assert.ok(await page.isVisible("#entities-section"));
    assert.equal(await page.$$eval("#entities mark.entity", (m) => m.length) > 0, true);
  }
  for (const layer of ["dates", "quantities", "quotations"]) {
    if (Array.isArray(doc[layer]) && doc[layer].length) {
      assert.equal(await page.$$eval(`#facts-${layer} li`, (l) => l.length), doc[layer].length, layer);
    }
  }

  // The embedded font is the one in use, and nothing came from another host.
  const fontLoaded = await page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].some((f) => f.family.includes("Vazirmatn") && f.status === "loaded");
  });
  assert.ok(fontLoaded, "Vazirmatn not loaded");
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);

  // A screenshot of the viewport: the right size, and not blank.
  await page.mouse.move(0, 0);
  const png = await page.screenshot({ fullPage: false });
  mkdirSync(shots, { recursive: true });
  writeFileSync(path.join(shots, "page.png"), png);
  assert.equal(png.readUInt32BE(16), VIEWPORT.width);
  assert.equal(png.readUInt32BE(20), VIEWPORT.height);
  const stats = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext("2d");
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, img.width, img.height).data;
    const colours = new Set();
    let ink = 0;
    const [r0, g0, b0] = data; // the background colour (top-left corner)
    for (let i = 0; i < data.length; i += 4) {
      colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      if (Math.abs(data[i] - r0) + Math.abs(data[i + 1] - g0) + Math.abs(data[i + 2] - b0) > 30) ink++;
    }
    return { colours: colours.size, inkShare: ink / (data.length / 4) };
  }, png.toString("base64"));
  assert.ok(stats.colours > 100, `only ${stats.colours} colours`);
  assert.ok(stats.inkShare > 0.03 && stats.inkShare < 0.9, `ink share ${stats.inkShare}`);
  await page.close();
});

test("errors are shown, not thrown", async () => {
  const page = await browser.newPage({ viewport: VIEWPORT });
  await page.goto(`${base}/`);
  await page.waitForSelector("body[data-state=ready]");
  await page.route(`${base}/v1/analyze`, (route) =>
    route.fulfill({ status: 413, contentType: "application/json", body: '{"error":"body_too_large","message":"too big"}' }));
  await page.click("#analyze");
  await page.waitForSelector("body[data-state=error]");
  assert.equal(await page.textContent("#status"), "too big");
  await page.close();
});

test("SIGTERM stops the server cleanly", async () => {
  const exited = new Promise((resolve) => server.on("exit", (code, signal) => resolve({ code, signal })));
  server.kill("SIGTERM");
  const { code } = await exited;
  assert.equal(code, 0);
});
