import { test, expect, type Page } from '@playwright/test'
import { login, Api, expectAccessible, screenshot } from './support'
import { thisYear, thisMonth } from './fixtures'

const SHEET = `query($b: ID!, $y: Int!, $m: Int!) { monthSheet(branchId: $b, year: $y, month: $m) {
  state items { code name min max } rows { member { id name } cells { item draft version } } } }`

async function paste(page: Page, cell: string, text: string) {
  await page.locator(`[data-cell="${cell}"]`).focus()
  await page.locator(`[data-cell="${cell}"]`).evaluate((el, t) => {
    const data = new DataTransfer()
    data.setData('text/plain', t)
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
  }, text)
}

test('a secretary fills the month with the keyboard and a block pasted from Excel; an out-of-range figure gets the service\'s message', async ({ page }) => {
  const api = await Api.as('sec.cg')
  const branchId = (await api.query(`{ me { managedBranch { id } } }`)).me.managedBranch.id
  const vars = { b: branchId, y: thisYear(), m: thisMonth() }
  const before = (await api.query(SHEET, vars)).monthSheet
  const [i0, i1] = before.items
  const refused = await api.raw(`mutation($i: SaveMonthDraftInput!) { saveMonthDraft(input: $i) { saved } }`, { i: {
    branchId, year: thisYear(), month: thisMonth(), cells: [{ memberId: before.rows[0].member.id, item: i1.code, points: String(Number(i1.max) + 1), version: 0 }] } })

  await page.setViewportSize({ width: 1280, height: 900 })
  await login(page, 'sec.cg')
  await expect(page.getByTestId('sheet-row')).toHaveCount(before.rows.length)
  await expect(page.getByRole('columnheader', { name: new RegExp(i0.name) })).toBeVisible()

  const first = page.locator('[data-cell="0-0"]')
  await first.fill('7')
  await first.press('Enter')
  await expect(page.locator('[data-cell="1-0"]')).toBeFocused()
  await expect(page.getByTestId('sheet-message')).toContainText('草稿已保存')

  const bad = page.locator('[data-cell="0-1"]')
  await bad.fill(String(Number(i1.max) + 1))
  await bad.press('Enter')
  await expect(page.getByTestId('sheet-message')).toHaveText(refused.errors[0].message)
  await expect(bad).toHaveAttribute('aria-invalid', 'true')
  await bad.fill('5')
  await bad.press('Enter')
  await expect(bad).toHaveAttribute('aria-invalid', 'false')

  await paste(page, '2-0', '6\t5\n4\t3\n')
  await expect(page.getByTestId('sheet-message')).toContainText('草稿已保存（4 格）')
  const after = (await api.query(SHEET, vars)).monthSheet
  const draft = (r: number, item: string) => Number(after.rows[r].cells.find((c: any) => c.item === item).draft)
  expect([draft(0, i0.code), draft(0, i1.code), draft(2, i0.code), draft(2, i1.code), draft(3, i0.code), draft(3, i1.code)]).toEqual([7, 5, 6, 5, 4, 3])

  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: '导出 XLSX' }).click()
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/)
  await expectAccessible(page)
  await screenshot(page, 'sheet-desktop')
})

test('a township admin confirms a complete month and publishes it; the published sheet holds what was entered', async ({ page }) => {
  const admin = await Api.as('admin.cg')
  const sec = await Api.as('sec.cg')
  const model = (await sec.query(`{ me { managedBranch { id category parent { id } } } }`)).me.managedBranch
  const suffix = Date.now().toString(36).toUpperCase()
  const branch = (await admin.query(`mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { organization { id name } } }`,
    { i: { parentId: model.parent?.id, code: `WEB-${suffix}`, name: `网页测试支部${suffix}`, kind: 'BRANCH', category: model.category } })).createOrganization.organization
  for (const n of [1, 2]) {
    await admin.query(`mutation($i: CreateMemberInput!) { createMember(input: $i) { member { id } } }`,
      { i: { code: `W${suffix}${n}`, name: `测试党员${n}号`, gender: 'FEMALE', category: model.category, branchId: branch.id, villageType: ['VILLAGE', 'COMMUNITY'].includes(model.category) ? 'WITHOUT_POST' : undefined } })
  }
  const sheet = (await admin.query(SHEET, { b: branch.id, y: thisYear(), m: thisMonth() })).monthSheet
  const block = sheet.rows.map((_: any, r: number) => sheet.items.map((i: any) => String(Math.min(Number(i.max), 8 - r))).join('\t')).join('\n')

  await page.setViewportSize({ width: 1280, height: 900 })
  await login(page, 'admin.cg', `/sheet?branch=${branch.id}`)
  await expect(page.getByRole('heading', { level: 1 })).toContainText(branch.name)
  await paste(page, '0-0', block)
  await expect(page.getByTestId('sheet-message')).toContainText(`草稿已保存（${sheet.rows.length * sheet.items.length} 格）`)
  await page.getByRole('button', { name: '确认本月' }).click()
  await expect(page.getByTestId('sheet-message')).toContainText(`已确认，记入台账 ${sheet.rows.length * sheet.items.length} 条`)
  await expect(page.getByTestId('sheet-state')).toHaveText('已确认')
  await page.getByRole('button', { name: '公示' }).click()
  await expect(page.getByTestId('sheet-state')).toHaveText('已公示')

  const published = (await admin.query(`query($b: ID!, $y: Int!, $m: Int!) { publishedSheet(branchId: $b, year: $y, month: $m) { rows { memberName total } } }`,
    { b: branch.id, y: thisYear(), m: thisMonth() })).publishedSheet
  expect(published.rows).toHaveLength(sheet.rows.length)
  sheet.rows.forEach((r: any, i: number) => {
    const entered = sheet.items.reduce((sum: number, item: any) => sum + Math.min(Number(item.max), 8 - i), 0)
    expect(Number(published.rows.find((p: any) => p.memberName === r.member.name).total)).toBe(entered)
  })
})
