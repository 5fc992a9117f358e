import { defineConfig, devices } from "@playwright/test";

// Drives Debian's Chromium; never downloads a browser. `run.sh` starts the
// server and sets BASE_URL and BEIAN_E2E_DB.
export default defineConfig({
  testDir: "./tests",
  // Whole flows (log in, fill a wizard, reload, review) run against a debug
  // build on two cores beside a second worker: a minute was seen to run out.
  timeout: 180_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  reporter: "list",
  use: {
    baseURL: process.env.BASE_URL ?? "http://127.0.0.1:3100",
    locale: "zh-CN",
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        locale: "zh-CN",
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        },
      },
    },
  ],
});
