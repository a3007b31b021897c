import { test, expect } from '@playwright/test'
import { login, Api, choose, expectAccessible, cast } from './support'
import { thisYear } from './fixtures'

const OPEN = `mutation($i: OpenBallotInput!) { openBallot(input: $i) { ballot { id } codes { code } } }`

test('the township admin lists a branch\'s ballots, open and closed, with codes spent, and opens a closed one\'s results', async ({ page }) => {
  const admin = await Api.as('admin.cg')
  const sec = await Api.as('sec.cg')
  const model = (await sec.query(`{ me { managedBranch { category parent { id } } } }`)).me.managedBranch
  const suffix = Date.now().toString(36).toUpperCase()
  const branch = (await admin.query(`mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { organization { id name } } }`,
    { i: { parentId: model.parent?.id, code: `WEB-L${suffix}`, name: `历次测评支部${suffix}`, kind: 'BRANCH', category: model.category } })).createOrganization.organization
  for (const n of [1, 2, 3]) {
    await admin.query(`mutation($i: CreateMemberInput!) { createMember(input: $i) { member { id } } }`,
      { i: { code: `L${suffix}${n}`, name: `历次党员${n}号${suffix}`, gender: 'MALE', category: model.category, branchId: branch.id } })
  }
  // last year's ballot: two codes spent, then closed; this year's: one spent, still open
  const anonymous = await Api.anonymous()
  const last = (await admin.query(OPEN, { i: { branchId: branch.id, year: thisYear() - 1, massRepresentatives: 10 } })).openBallot
  for (const { code } of last.codes.slice(0, 2)) await cast(anonymous, code)
  await admin.query(`mutation($i: CloseBallotInput!) { closeBallot(input: $i) { ballot { id } } }`, { i: { ballotId: last.ballot.id } })
  const current = (await admin.query(OPEN, { i: { branchId: branch.id, year: thisYear(), massRepresentatives: 10 } })).openBallot
  await cast(anonymous, current.codes[0].code)

  await login(page, 'admin.cg', '/ballots')
  await choose(page, '支部', new RegExp(branch.name))
  await expect(page.getByRole('heading', { name: `${branch.name} 历次测评` })).toBeVisible()
  const rows = page.getByTestId('ballot-row')
  await expect(rows).toHaveCount(2)
  await expect(rows.nth(0).getByRole('rowheader')).toHaveText(String(thisYear()))
  await expect(rows.nth(0).getByTestId('ballot-row-state')).toHaveText('进行中')
  await expect(rows.nth(0).getByTestId('ballot-row-issued')).toHaveText(String(current.codes.length))
  await expect(rows.nth(0).getByTestId('ballot-row-spent')).toHaveText('1')
  await expect(rows.nth(1).getByRole('rowheader')).toHaveText(String(thisYear() - 1))
  await expect(rows.nth(1).getByTestId('ballot-row-state')).toHaveText('已结束')
  await expect(rows.nth(1).getByTestId('ballot-row-spent')).toHaveText('2')
  // counts only: no column, cell or name says who voted
  await expect(page.getByRole('region', { name: '历次测评', exact: true })).not.toContainText('历次党员')
  await expectAccessible(page)

  await rows.nth(1).getByRole('button', { name: new RegExp(`^查看结果\\s*（${thisYear() - 1} 年度）$`) }).click()
  await expect(page.getByTestId('ballot-title')).toHaveText(`${branch.name} · ${thisYear() - 1} 年度测评`)
  await expect(page.getByTestId('ballot-state')).toHaveText('已结束')
  await expect(page.getByTestId('codes-spent')).toHaveText('2')
  await expect(page.getByTestId('quorum')).toContainText('投票 2 人')
  await expect(page.getByTestId('quorum')).toContainText('未达到法定人数')

  await page.getByRole('button', { name: '发起其他测评' }).click()
  await expect(page.getByTestId('ballot-row')).toHaveCount(2)
})

test('a branch secretary runs the ballots of their own branch only: the menu offers the page, the branch list holds theirs alone', async ({ page }) => {
  const sec = await Api.as('sec.cg')
  const { managedBranch } = (await sec.query(`{ me { managedBranch { id name memberCount } } }`)).me
  const ballots = (await sec.query(`query($b: ID!) { branchBallots(branchId: $b) { id } }`, { b: managedBranch.id })).branchBallots

  await login(page, 'sec.cg', '/')
  const nav = page.getByRole('navigation', { name: '主导航' })
  await expect(nav.getByRole('link', { name: '组织与名册' })).toHaveCount(0)
  await nav.getByRole('link', { name: '民主测评' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('民主测评')
  await page.getByRole('combobox', { name: '支部' }).click({ force: true })
  await expect(page.getByRole('option')).toHaveText([`${managedBranch.name}（${managedBranch.memberCount} 人）`])
  await page.keyboard.press('Escape')
  await expect(page.getByRole('heading', { name: `${managedBranch.name} 历次测评` })).toBeVisible()
  await expect(page.getByTestId('ballot-row')).toHaveCount(ballots.length)
  await expectAccessible(page)
})
