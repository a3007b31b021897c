import { test, expect } from '@playwright/test'
import { login, Api, expectAccessible, screenshot } from './support'
import { thisYear } from './fixtures'

const COMPARISON = `query($y: Int!) { countyComparison(year: $y) { county rows { township { id name } category current { suppressed members participation totalMedian } } totals { category } }
  reviewAlarms(year: $y) { id rule township { name } branch { id name } message acknowledgement { comment } } }`

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

  // an alarm acknowledged with a comment stays listed with it
  const open = alarms.find((a: any) => !a.acknowledgement)
  if (open) {
    const card = page.getByTestId('alarm').filter({ hasText: open.message }).first()
    await card.getByRole('button', { name: '处理' }).click()
    const comment = `已约谈${open.branch.name}书记，限期整改 ${Date.now()}`
    await page.getByLabel('处理意见').fill(comment)
    await page.getByRole('button', { name: '确认处理' }).click()
    await expect(page.getByTestId('ack-result')).toContainText(open.branch.name)
    await expect(page.getByTestId('alarm-ack').filter({ hasText: comment })).toContainText('reviewer.demo')
    const after = (await api.query(COMPARISON, { y: year })).reviewAlarms.find((a: any) => a.id === open.id)
    expect(after.acknowledgement.comment).toBe(comment)
  }

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
