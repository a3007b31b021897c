import { test, expect } from '@playwright/test'
import { login, Api, choose, expectAccessible } from './support'
import { thisYear, GRADE } from './fixtures'

const lastYear = () => thisYear() - 1

test('the township admin reads last year\'s settlement, stars, publication with objections and notices of the demo', async ({ page }) => {
  const admin = await Api.as('admin.cg')
  const sec = await Api.as('sec.cg')
  const branch = (await sec.query(`{ me { managedBranch { id name } } }`)).me.managedBranch
  const { settlement, publication } = await admin.query(`query($b: ID!, $y: Int!) {
    settlement(branchId: $b, year: $y) { run members { rank member { name } annualTotal grade } annualStars { basis quota } }
    publication(branchId: $b, year: $y) { startsOn endsOn state objections { member { name } answer } } }`, { b: branch.id, y: lastYear() })
  const { notices } = await admin.query(`query($y: Int!) { notices(year: $y) { member { name } overdue improved } }`, { y: lastYear() })
  expect(settlement.members.length).toBeGreaterThan(0)

  await login(page, 'admin.cg', `/year-end?branch=${branch.id}&year=${lastYear()}`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('年终评定')
  await expect(page.getByTestId('settlement-summary')).toContainText(`第 ${settlement.run} 次结算`)
  await expect(page.getByTestId('settlement-name')).toHaveCount(settlement.members.length)
  const top = [...settlement.members].sort((a: any, b: any) => a.rank - b.rank)[0]
  const topRow = page.getByRole('row').filter({ has: page.getByTestId('settlement-name').getByText(top.member.name, { exact: true }) }).first()
  await expect(topRow.getByTestId('settlement-total')).toHaveText(top.annualTotal)
  await expect(topRow.getByTestId('settlement-grade')).toHaveText(GRADE[top.grade] ?? top.grade)
  if (settlement.annualStars) {
    await expect(page.getByTestId('star-quota')).toContainText(`按 ${settlement.annualStars.basis} 名符合评选条件的党员，名额 ${settlement.annualStars.quota} 名`)
  }
  await expectAccessible(page)

  await page.getByRole('tab', { name: '公示与异议' }).click()
  expect(publication).not.toBeNull()
  await expect(page.getByTestId('publication-window')).toHaveText(`${publication.startsOn} 至 ${publication.endsOn}`)
  await expect(page.getByTestId('publication-state')).toHaveText({ OPEN: '公示中', CLOSED: '公示期满', FINAL: '已确认最终结果' }[publication.state as string]!)
  await expect(page.getByTestId('objection')).toHaveCount(publication.objections.length)
  for (const o of publication.objections.filter((o: any) => o.answer)) {
    await expect(page.getByTestId('objection').filter({ hasText: o.member.name }).getByTestId('objection-answer').first()).toContainText(o.answer)
  }
  await expectAccessible(page)

  await page.getByRole('tab', { name: '通知书' }).click()
  await expect(page.getByTestId('notice-summary')).toContainText(`${lastYear()} 年度通知书 ${notices.length} 份，逾期未整改 ${notices.filter((n: any) => n.overdue).length} 份`)
  await expect(page.getByTestId('notice-member')).toHaveCount(notices.length)
  await expectAccessible(page)
  if (notices.length) {
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'PDF' }).first().click()
    expect((await download).suggestedFilename()).toMatch(/\.pdf$/)
  }
})

test('the township admin opens a removal case and records its steps in order', async ({ page }) => {
  const admin = await Api.as('admin.cg')
  const sec = await Api.as('sec.cg')
  const model = (await sec.query(`{ me { managedBranch { category parent { id } } } }`)).me.managedBranch
  const suffix = Date.now().toString(36).toUpperCase()
  const branch = (await admin.query(`mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { organization { id name } } }`,
    { i: { parentId: model.parent?.id, code: `WEB-R${suffix}`, name: `处置测试支部${suffix}`, kind: 'BRANCH', category: model.category } })).createOrganization.organization
  const member = (await admin.query(`mutation($i: CreateMemberInput!) { createMember(input: $i) { member { id name } } }`,
    { i: { code: `X${suffix}`, name: `处置对象${suffix}`, gender: 'MALE', category: model.category, branchId: branch.id } })).createMember.member

  await login(page, 'admin.cg', `/year-end?branch=${branch.id}&year=${lastYear()}&tab=removal`)
  await choose(page, '党员', new RegExp(member.name))
  await page.getByRole('button', { name: '启动', exact: true }).click()
  await expect(page.getByTestId('removal-message')).toContainText(`已启动 ${member.name} 的除名程序`)
  const caseId = new URL(page.url()).searchParams.get('case')!
  const opened = (await admin.query(`query($id: ID!) { removalCase(caseId: $id) { nextStep } }`, { id: caseId })).removalCase
  await expect(page.getByTestId('removal-next')).toHaveText(opened.nextStep)

  await page.getByLabel('这一步的情况').fill('2026 年支部书记与本人核实情况，本人无异议')
  await page.getByRole('button', { name: '记录这一步' }).click()
  await expect(page.getByTestId('removal-step')).toHaveCount(1)
  const after = (await admin.query(`query($id: ID!) { removalCase(caseId: $id) { nextStep steps { name note } } }`, { id: caseId })).removalCase
  await expect(page.getByTestId('removal-step')).toContainText(after.steps[0].name)
  await expect(page.getByTestId('removal-next')).toHaveText(after.nextStep)
  // the township's list of cases shows where this one stands
  const listed = page.getByRole('row').filter({ has: page.getByTestId('case-member').getByText(member.name, { exact: true }) })
  await expect(listed).toContainText('不合格且拒不改正')
  await expect(listed).toContainText(`已办 1 步，下一步：${after.nextStep}`)
  await expectAccessible(page)
})

test('the year-end page is readable on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 })
  await login(page, 'admin.cg', `/year-end?year=${lastYear()}`)
  await expect(page.getByTestId('settlement-summary')).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
  await expectAccessible(page)
})
