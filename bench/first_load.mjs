// Opens each page in Debian's Chromium until it has hydrated and prints the
// scripts and WASM it fetched, one line per page: "PATH SENT FILE FILE …",
// where SENT is the bytes of those files as the server sent them (brotli or
// gzip when the build was precompressed, as `make run`'s is).
// With lazy routes a page downloads only its own screen's chunks, so the
// first load is measured in a browser, not by summing target/site/pkg.
// Usage: node bench/first_load.mjs BASE_URL PATH...
import { chromium } from "../end2end/node_modules/playwright-core/index.mjs";

const [base, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
for (const path of paths) {
  const page = await browser.newPage();
  const files = new Set();
  const sent = [];
  page.on("response", (response) => {
    const { pathname } = new URL(response.url());
    if (!/\.(wasm|js)$/.test(pathname) || files.has(pathname)) return;
    files.add(pathname);
    sent.push(response.finished().then(() => response.request().sizes()).then((s) => s.responseBodySize));
  });
  await page.goto(base + path);
  await page.waitForFunction(() => document.body.dataset.hydrated === "true", undefined, { timeout: 120_000 });
  await page.waitForLoadState("networkidle");
  const bytes = (await Promise.all(sent)).reduce((sum, size) => sum + size, 0);
  console.log([path, bytes, ...files].join(" "));
  await page.close();
}
await browser.close();
