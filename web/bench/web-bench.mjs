// bench/run web: initial JavaScript per page (gzip) from the build manifest, and timings in Debian's chromium
// against the running service (WEB_BASE_URL) with Keycloak's real login. A bench, not a test: it reports figures.
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { chromium, request } from '@playwright/test'

const dist = new URL('../dist/', import.meta.url)
const manifest = JSON.parse(readFileSync(new URL('.vite/manifest.json', dist)))
const base = process.env.WEB_BASE_URL

/** The chunks a page loads before it shows anything: the entry, the route's chunk, and their static imports. */
function initialChunks(...keys) {
  const seen = new Set()
  const walk = (k) => {
    if (seen.has(k)) return
    seen.add(k)
    for (const i of manifest[k].imports ?? []) walk(i)
  }
  keys.forEach(walk)
  return [...seen].map((k) => manifest[k].file).filter((f) => f.endsWith('.js'))
}
const gz = (files) => files.reduce((s, f) => s + gzipSync(readFileSync(new URL(f, dist)), { level: 9 }).length, 0)
const entry = 'index.html' // the console's entry (graphiql.html is the other one)
const results = {}
for (const [page, src] of [['card', 'src/views/CardView.vue'], ['vote', 'src/views/VoteView.vue'], ['sheet', 'src/views/SheetView.vue']]) {
  const keys = [entry, src]
  if (page !== 'vote') keys.push('src/views/LayoutView.vue')
  results[`${page}.initialJsGzipKB`] = +(gz(initialChunks(...keys)) / 1024).toFixed(1)
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] })
const page = await browser.newPage({ viewport: { width: 375, height: 740 } })
await page.goto(`${base}/card`)
await page.locator('#username').fill('mem.qs')
await page.locator('#password').fill('Demo#2026')
await page.locator('#kc-login').click()
await page.getByTestId('year-total').waitFor()
const cardTimes = []
for (let i = 0; i < 7; i++) {
  const t0 = Date.now()
  await page.goto(`${base}/card`)
  await page.getByTestId('year-total').waitFor()
  cardTimes.push(Date.now() - t0)
}
cardTimes.sort((a, b) => a - b)
results['card.visibleMs.median'] = cardTimes[3]
results['card.visibleMs.max'] = cardTimes[6]

// A 60-member branch: render the sheet and save a pasted 60 × items block.
const ctx = await request.newContext({ baseURL: base })
const cfg = await (await ctx.get('/console-config.json')).json()
const tok = (await (await ctx.post(`${cfg.authority}/protocol/openid-connect/token`, { form: { grant_type: 'password', client_id: cfg.clientId, username: 'admin.cg', password: 'Demo#2026' } })).json()).access_token
const gql = async (query, variables) => (await (await ctx.post('/graphql', { data: { query, variables }, headers: { Authorization: `Bearer ${tok}` } })).json()).data
const model = (await gql(`{ organizations(first: 200, kind: BRANCH) { edges { node { id category parent { id } } } } }`)).organizations.edges[0].node
const suffix = Date.now().toString(36).toUpperCase()
const branch = (await gql(`mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { organization { id } } }`, { i: { parentId: model.parent?.id, code: `BENCH-${suffix}`, name: `基准支部${suffix}`, kind: 'BRANCH', category: model.category } })).createOrganization.organization
for (let n = 1; n <= 60; n++) {
  await gql(`mutation($i: CreateMemberInput!) { createMember(input: $i) { member { id } } }`, { i: { code: `BN${suffix}${String(n).padStart(2, '0')}`, name: `基准党员${n}`, gender: 'MALE', category: model.category, branchId: branch.id } })
}
await page.context().clearCookies()
const admin = await browser.newPage({ viewport: { width: 1280, height: 900 } })
await admin.goto(`${base}/sheet?branch=${branch.id}`)
await admin.locator('#username').fill('admin.cg')
await admin.locator('#password').fill('Demo#2026')
await admin.locator('#kc-login').click()
await admin.getByTestId('sheet-row').nth(59).waitFor()
let t0 = Date.now()
await admin.goto(`${base}/sheet?branch=${branch.id}`)
await admin.getByTestId('sheet-row').nth(59).waitFor()
results['sheet60.renderMs'] = Date.now() - t0
const items = await admin.locator('thead th').count() - 1
const block = Array.from({ length: 60 }, () => Array.from({ length: items }, () => '8').join('\t')).join('\n')
t0 = Date.now()
await admin.locator('[data-cell="0-0"]').evaluate((el, t) => {
  const d = new DataTransfer()
  d.setData('text/plain', t)
  el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: d, bubbles: true, cancelable: true }))
}, block)
await admin.getByTestId('sheet-message').filter({ hasText: `草稿已保存（${60 * items} 格）` }).waitFor()
results[`sheet60.pasteAndSave${60 * items}CellsMs`] = Date.now() - t0
await browser.close()

for (const [k, v] of Object.entries(results)) console.log(`${k.padEnd(34)} ${v}`)
const budget = results['card.initialJsGzipKB'] <= 250 && results['vote.initialJsGzipKB'] <= 250 && results['card.visibleMs.median'] <= 1000
console.log(budget ? 'within budget (≤ 250 KB gzip initial JS for card and vote; card visible ≤ 1 s)' : 'OVER BUDGET')
