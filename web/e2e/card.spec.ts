import { test, expect } from '@playwright/test'
import { login, Api, expectAccessible, screenshot } from './support'
import { tinyPng, today, thisYear, thisMonth } from './fixtures'

const CARD = `query($id: ID!, $year: Int!) { memberCard(memberId: $id, year: $year) {
  schemeCode schemeVersion yearTotal months { month total additions deductions items { item name points selfPoints } } } }`
const ME = `{ me { member { id name branch { id } } } }`

test.describe('at phone width', () => {
  test.use({ viewport: { width: 375, height: 740 } })

  test('a member sees the year on the card and every figure opens who entered it, when, why, the evidence and the scheme version', async ({ page }) => {
    const member = (await (await Api.as('mem.qs')).query(ME)).me.member
    const reason = `带头修缮村道 ${Date.now()}`
    const posted = await (await Api.as('sec.qs')).query(`mutation($i: PostEntryInput!) { postEntry(input: $i) { entry { id actor } } }`, {
      i: { memberId: member.id, kind: 'ACHIEVEMENT', points: '1', occurredOn: today(), reason, idempotencyKey: `web-card-${Date.now()}`,
        evidence: { note: '村委会照片', fileName: 'road.png', mediaType: 'image/png', contentBase64: tinyPng() } },
    })
    const card = (await (await Api.as('mem.qs')).query(CARD, { id: member.id, year: thisYear() })).memberCard
    const month = card.months.find((m: any) => m.month === thisMonth())

    await login(page, 'mem.qs')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${member.name} 的积分卡`)
    await expect(page.getByTestId('year-total')).toContainText(card.yearTotal)
    const monthBox = page.getByTestId(`month-${thisMonth()}`)
    await expect(monthBox.getByTestId('month-total')).toHaveText(month.total)
    await expect(monthBox.getByTestId('additions')).toContainText(`+${month.additions}`)
    await expect(page.getByRole('img', { name: /月度合计柱状图/ })).toBeVisible()

    await monthBox.getByTestId('additions').click()
    const entry = page.getByTestId('entry').filter({ hasText: reason })
    await expect(entry).toBeVisible()
    await expect(entry.getByTestId('entry-actor')).toHaveText(posted.postEntry.entry.actor)
    await expect(entry.getByTestId('entry-scheme')).toHaveText(`${card.schemeCode} 第 ${card.schemeVersion} 版`)
    await entry.getByRole('button', { name: '查看 road.png' }).click()
    await expect(entry.getByRole('img', { name: '证据 road.png' })).toBeVisible()
    await expectAccessible(page)
    await page.screenshot({ path: '../docs/screenshots/card-entries-phone.png' })
    await page.keyboard.press('Escape')
    await screenshot(page, 'card-phone')
  })
})

test('a member self-assesses the current month: a figure out of range gets the service\'s own message, a valid one is stored', async ({ page }) => {
  const api = await Api.as('mem.cg')
  const member = (await api.query(ME)).me.member
  const card = (await api.query(CARD, { id: member.id, year: thisYear() })).memberCard
  const item = card.months.find((m: any) => m.month === thisMonth()).items[0]
  const refused = await api.raw(`mutation($i: SelfAssessInput!) { selfAssess(input: $i) { saved } }`,
    { i: { year: thisYear(), month: thisMonth(), items: [{ item: item.item, points: '99' }] } })
  const message = refused.errors[0].message

  await login(page, 'mem.cg')
  const field = page.getByLabel(item.name, { exact: true })
  for (const other of card.months.find((m: any) => m.month === thisMonth()).items) await page.getByLabel(other.name, { exact: true }).fill('')
  await field.fill('99')
  await page.getByRole('button', { name: '提交自评' }).click()
  await expect(page.getByTestId('assess-error')).toHaveText(message)

  await field.fill('8')
  await page.getByRole('button', { name: '提交自评' }).click()
  await expect(page.getByTestId('assess-result')).toHaveText('已提交 1 项自评，等待支部书记确认')
  const sheet = (await (await Api.as('sec.cg')).query(`query($b: ID!, $y: Int!, $m: Int!) { monthSheet(branchId: $b, year: $y, month: $m) {
    rows { member { id } cells { item selfAssessed } } } }`, { b: member.branch.id, y: thisYear(), m: thisMonth() })).monthSheet
  const row = sheet.rows.find((r: any) => r.member.id === member.id)
  expect(Number(row.cells.find((c: any) => c.item === item.item).selfAssessed)).toBe(8)
  await expectAccessible(page)
})
