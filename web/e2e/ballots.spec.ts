import { test, expect } from '@playwright/test'
import { login, Api, choose, expectAccessible, cast } from './support'
import { thisYear } from './fixtures'

test('the township admin opens a ballot, prints the slips, watches codes being spent, closes it and reads the results', async ({ page }) => {
  const admin = await Api.as('admin.cg')
  const sec = await Api.as('sec.cg')
  const model = (await sec.query(`{ me { managedBranch { category parent { id } } } }`)).me.managedBranch
  const suffix = Date.now().toString(36).toUpperCase()
  const branch = (await admin.query(`mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { organization { id name } } }`,
    { i: { parentId: model.parent?.id, code: `WEB-T${suffix}`, name: `测评测试支部${suffix}`, kind: 'BRANCH', category: model.category } })).createOrganization.organization
  const memberNumbers = [1, 2, 3]
  for (const n of memberNumbers) {
    await admin.query(`mutation($i: CreateMemberInput!) { createMember(input: $i) { member { id } } }`,
      { i: { code: `T${suffix}${n}`, name: `测评党员${n}号${suffix}`, gender: 'FEMALE', category: model.category, branchId: branch.id } })
  }

  await login(page, 'admin.cg', '/ballots')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('民主测评')
  await expectAccessible(page)
  await choose(page, '支部', new RegExp(branch.name))
  // seed 001: every member rates plus at least ten mass representatives; too few get the service's message, nothing opens
  const mass = 10
  const issuedCount = memberNumbers.length + mass
  await page.getByRole('spinbutton', { name: '群众代表人数' }).fill('3')
  await page.getByRole('button', { name: '发起测评并生成测评码' }).click()
  await expect(page.getByTestId('ballot-message')).toContainText('群众代表不少于 10 名')
  await page.getByRole('spinbutton', { name: '群众代表人数' }).fill(String(mass))
  await expect(page.getByTestId('codes-planned')).toContainText(`共 ${issuedCount} 个测评码`)
  await page.getByRole('button', { name: '发起测评并生成测评码' }).click()
  await expect(page.getByTestId('ballot-message')).toContainText(`发放测评码 ${issuedCount} 个`)
  await expect(page.getByTestId('ballot-title')).toHaveText(`${branch.name} · ${thisYear()} 年度测评`)
  await expect(page.getByTestId('codes-issued')).toHaveText(String(issuedCount))
  await expect(page.getByTestId('codes-spent')).toHaveText('0')

  // one slip per rater, each with its code and a QR image of the voting link
  const slips = page.getByTestId('slip')
  await expect(slips).toHaveCount(issuedCount)
  await expect(slips.locator('img')).toHaveCount(issuedCount)
  const codes = await page.getByTestId('slip-code').allTextContents()
  expect(new Set(codes).size).toBe(issuedCount)
  await expectAccessible(page)
  // printed as the browser prints it: the slips only, as a PDF
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByTestId('close-ballot')).toBeHidden()
  await expect(slips.first()).toBeVisible()
  const pdf = await page.pdf({ format: 'A4' })
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
  await page.emulateMedia({ media: 'screen' })

  // codes spent: the count moves as votes come in (the page polls), never who voted
  const anonymous = await Api.anonymous()
  const ballotId = new URL(page.url()).searchParams.get('ballot')!
  const minRaters = (await admin.query(`query($id: ID!) { ballot(id: $id) { minRaters } }`, { id: ballotId })).ballot.minRaters
  const voters = codes.slice(0, Math.min(10, Math.max(minRaters, 2)))
  for (const code of voters) await cast(anonymous, code)
  await expect(page.getByTestId('codes-spent')).toHaveText(String(voters.length), { timeout: 20_000 })

  await page.getByTestId('close-ballot').click()
  await page.getByRole('dialog').getByRole('button', { name: '结束测评' }).click()
  await expect(page.getByTestId('ballot-state')).toHaveText('已结束')
  const results = (await admin.query(`query($id: ID!) { ballotResults(ballotId: $id) { quorumReached votes subjects { member { name } } } }`, { id: ballotId })).ballotResults
  await expect(page.getByTestId('quorum')).toContainText(`投票 ${results.votes} 人`)
  await expect(page.getByTestId('quorum')).toContainText(results.quorumReached ? '达到法定人数' : '未达到法定人数')
  await expect(page.getByTestId('result-name')).toHaveCount(results.subjects.length)
  for (const s of results.subjects) await expect(page.getByTestId('result-name').getByText(s.member.name, { exact: true })).toBeVisible()
  await expectAccessible(page)

  // the slips were shown once: after a reload the ballot is there, its codes are not
  await page.reload()
  await expect(page.getByTestId('ballot-state')).toHaveText('已结束')
  await expect(page.getByTestId('slip')).toHaveCount(0)
})

test('the ballots page is readable on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 })
  await login(page, 'admin.cg', '/ballots')
  await expect(page.getByRole('button', { name: '发起测评并生成测评码' })).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
  await expectAccessible(page)
})
