import { defineConfig } from '@playwright/test'

// Debian's chromium: Playwright's own browser download is not reachable from these machines.
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // a 2-core machine that also runs the service, PostgreSQL and Keycloak: pages are slow under load
  timeout: 180_000,
  expect: { timeout: 15_000 },
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: process.env.WEB_BASE_URL ?? `http://127.0.0.1:${process.env.APP_PORT ?? 8080}`,
    locale: 'zh-CN',
    // the console's users are in China: the browser's own date (the month a page opens on) is China's, like the service's
    timezoneId: 'Asia/Shanghai',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
})
