import { test, expect } from '@playwright/test'
import { login, Api, expectAccessible, screenshot } from './support'
import { thisYear, thisMonth } from './fixtures'

test('the 公示栏 shows a branch\'s published month exactly as the service published it', async ({ page }) => {
  const admin = await Api.as('admin.cg')
  const sec = await Api.as('sec.cg')
  const model = (await sec.query(`{ me { managedBranch { category parent { id } } } }`)).me.managedBranch
  const suffix = Date.now().toString(36).toUpperCase()
  const branch = (await admin.query(`mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { organization { id name } } }`,
    { i: { parentId: model.parent?.id, code: `WEB-B${suffix}`, name: `公示测试支部${suffix}`, kind: 'BRANCH', category: model.category } })).createOrganization.organization
  for (const n of [1, 2, 3]) {
    await admin.query(`mutation($i: CreateMemberInput!) { createMember(input: $i) { member { id } } }`,
      { i: { code: `B${suffix}${n}`, name: `公示党员${n}号`, gender: 'MALE', category: model.category, branchId: branch.id, villageType: ['VILLAGE', 'COMMUNITY'].includes(model.category) ? 'WITHOUT_POST' : undefined } })
  }
  const vars = { b: branch.id, y: thisYear(), m: thisMonth() }
  const sheet = (await admin.query(`query($b: ID!, $y: Int!, $m: Int!) { monthSheet(branchId: $b, year: $y, month: $m) { items { code max } rows { member { id } } } }`, vars)).monthSheet
  const cells = sheet.rows.flatMap((r: any, i: number) => sheet.items.map((it: any) => ({ memberId: r.member.id, item: it.code, points: String(Math.min(Number(it.max), 9 - i)), version: 0 })))
  await admin.query(`mutation($i: ConfirmMonthInput!) { confirmMonth(input: $i) { posted } }`,
    { i: { branchId: branch.id, year: thisYear(), month: thisMonth(), idempotencyKey: `web-board-${suffix}`, cells } })
  await admin.query(`mutation($i: PublishMonthInput!) { publishMonth(input: $i) { sheet { publishedAt } } }`, { i: { branchId: branch.id, year: thisYear(), month: thisMonth() } })
  const published = (await admin.query(`query($b: ID!, $y: Int!, $m: Int!) { publishedSheet(branchId: $b, year: $y, month: $m) { rows { memberName total } } }`, vars)).publishedSheet

  await login(page, 'admin.cg', `/board?branch=${branch.id}`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`公示栏 · ${branch.name}`)
  await expect(page.getByTestId('board-row')).toHaveCount(published.rows.length)
  for (const row of published.rows) {
    await expect(page.getByTestId('board-row').filter({ hasText: row.memberName }).locator('.total')).toHaveText(row.total)
  }
  await expectAccessible(page)
  await screenshot(page, 'board-desktop')
})
