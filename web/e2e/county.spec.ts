import { test, expect } from '@playwright/test'
import { login, Api, choose, expectAccessible, screenshot } from './support'
import { thisYear } from './fixtures'

const COMPARISON = `query($y: Int!) { countyComparison(year: $y) { county rows { township { id name } category current { suppressed members participation totalMedian } } totals { category } }
  reviewAlarms(year: $y) { id rule township { name } branch { id name } message acknowledgement { comment } } }`

/** A fresh branch of 城关镇 whose January sheet scores five members alike, confirmed now: 大锅饭 and a late sheet. */
async function uniformLateBranch(): Promise<{ id: string; name: string }> {
  const admin = await Api.as('admin.cg')
  const model = (await (await Api.as('sec.cg')).query(`{ me { managedBranch { category parent { id } } } }`)).me.managedBranch
  const suffix = Date.now().toString(36).toUpperCase()
  const branch = (await admin.query(`mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { organization { id name } } }`,
    { i: { parentId: model.parent.id, code: `CTY-${suffix}`, name: `评审测试支部${suffix}`, kind: 'BRANCH', category: model.category } })).createOrganization.organization
  for (const n of [1, 2, 3, 4, 5, 6]) {
    await admin.query(`mutation($i: CreateMemberInput!) { createMember(input: $i) { member { id } } }`,
      { i: { code: `C${suffix}${n}`, name: `评审党员${n}号`, gender: 'FEMALE', category: model.category, branchId: branch.id, joinDate: '2001-07-01' } })
  }
  const sheet = (await admin.query(`query($b: ID!, $y: Int!) { monthSheet(branchId: $b, year: $y, month: 1) { items { code max } rows { member { id } } } }`,
    { b: branch.id, y: thisYear() })).monthSheet
  const cells = sheet.rows.flatMap((r: any) => sheet.items.map((it: any) => ({ memberId: r.member.id, item: it.code, points: String(Math.min(Number(it.max), 5)), version: 0 })))
  await admin.query(`mutation($i: ConfirmMonthInput!) { confirmMonth(input: $i) { posted } }`,
    { i: { branchId: branch.id, year: thisYear(), month: 1, idempotencyKey: `web-county-${suffix}`, cells } })
  return branch
}

test('the county reviewer compares the townships, drills down, acknowledges an alarm and exports', async ({ page }) => {
  const year = thisYear() - 1
  const api = await Api.as('reviewer.demo')
  const { countyComparison: c, reviewAlarms: alarms } = await api.query(COMPARISON, { y: year })
  expect(c.rows.length).toBeGreaterThan(0)

  await login(page, 'reviewer.demo')
  await expect(page).toHaveURL(/\/county$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`县级评审 · ${c.county}`)
  await expect(page.getByTestId('comparison-row')).toHaveCount(c.rows.length)
  await expect(page.getByTestId('total-row')).toHaveCount(c.totals.length)
  for (const [i, r] of c.rows.entries()) {
    const row = page.getByTestId('comparison-row').nth(i)
    await expect(row.getByRole('rowheader')).toHaveText(r.township.name)
    await expect(row.getByTestId('members')).toHaveText(String(r.current.members))
    if (!r.current.suppressed && r.current.totalMedian != null) await expect(row.getByTestId('median')).toHaveText(r.current.totalMedian)
  }
  await expect(page.getByRole('img', { name: /^等次分布：/ })).toBeVisible()
  await expect(page.getByRole('img', { name: /^年度总分分布：/ })).toBeVisible()
  await expect(page.getByTestId('alarm')).toHaveCount(alarms.length)
  await expectAccessible(page)
  await screenshot(page, 'county-desktop')

  // drill-down: a township's branches
  const township = c.rows[0].township
  const review = (await api.query(`query($t: ID!, $y: Int!) { townshipReview(townshipId: $t, year: $y) { branches { branch { name } } } }`, { t: township.id, y: year })).townshipReview
  await page.getByRole('button', { name: `查看${township.name}各支部` }).first().click()
  await expect(page.getByRole('heading', { name: `${township.name} · 各支部` })).toBeVisible()
  await expect(page.getByTestId('branch-row')).toHaveCount(review.branches.length)

  // this year: a branch whose January sheet gives five members the same scores and is confirmed months late
  const branch = await uniformLateBranch()
  const current = (await api.query(COMPARISON, { y: thisYear() })).reviewAlarms.filter((a: any) => a.branch.id === branch.id)
  expect(current.map((a: any) => a.rule).sort()).toEqual(['LATE_CONFIRMATION', 'UNIFORM_SCORING'])
  await choose(page, '年度', `${thisYear()} 年`)
  const cards = page.getByTestId('alarm').filter({ hasText: branch.name })
  await expect(cards).toHaveCount(2)
  const open = current.find((a: any) => a.rule === 'UNIFORM_SCORING')
  await expect(cards.filter({ hasText: '大锅饭' }).getByTestId('alarm-message')).toHaveText(open.message)

  // an alarm acknowledged with a comment stays listed with it
  await cards.filter({ hasText: '大锅饭' }).getByRole('button', { name: '处理' }).click()
  const comment = `已约谈${branch.name}书记，限期整改 ${Date.now()}`
  await page.getByLabel('处理意见').fill(comment)
  await page.getByRole('button', { name: '确认处理' }).click()
  await expect(page.getByTestId('ack-result')).toContainText(branch.name)
  await expect(cards.filter({ hasText: '大锅饭' }).getByTestId('alarm-ack')).toContainText(`已处理：${comment}（reviewer.demo`)
  const after = (await api.query(COMPARISON, { y: thisYear() })).reviewAlarms.find((a: any) => a.id === open.id)
  expect(after.acknowledgement.comment).toBe(comment)

  // drill-down from the alarm: its township's branches, the branch marked
  await cards.first().getByRole('button', { name: new RegExp(`（${branch.name}）`) }).click()
  await expect(page.locator('tr.marked')).toContainText(branch.name)

  // export: the county review workbook
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: '导出 XLSX' }).click()
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/)

  // phone width: tables scroll within themselves, the page does not run off
  await page.setViewportSize({ width: 375, height: 740 })
  await expect(page.getByTestId('comparison-row').first()).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path: '../docs/screenshots/county-phone.png' })
})

test('a township admin is not a county reviewer: the dashboard route sends them home', async ({ page }) => {
  await login(page, 'admin.qs', '/county')
  await expect(page).toHaveURL(/\/township$/)
  await expect(page.getByRole('link', { name: '县级评审' })).toHaveCount(0)
})
