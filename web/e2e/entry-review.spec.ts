import { test, expect } from '@playwright/test'
import { login, Api, expectAccessible } from './support'
import { today, thisYear, thisMonth } from './fixtures'

const POST = `mutation($i: PostEntryInput!) { postEntry(input: $i) { entry { id actor points review { status } } } }`

const CARD = `query($id: ID!, $y: Int!) { memberCard(memberId: $id, year: $y) { months { month additions } } }`
const SCHEME = 'E2E-REVIEW-HOSPITAL'

/**
 * A branch of its own whose scheme marks ACHIEVEMENT additions for approval by the branch committee: the demo
 * years' pins already carry data, so the spec pins a category no demo branch of the township uses (once: a pin
 * with data is locked, so a later run reuses it).
 */
async function branchWithApproval(admin: Api) {
  const suffix = Date.now().toString(36).toUpperCase()
  const { schemeTemplates, organizations, scoringYear } = await admin.query(`query($y: Int!) { schemeTemplates { code yaml }
    organizations(first: 1, kind: COMMITTEE) { edges { node { id } } } scoringYear(year: $y) { category schemeCode } }`, { y: thisYear() })
  if (!scoringYear.some((p: any) => p.category === 'HOSPITAL' && p.schemeCode === SCHEME)) {
    const yaml = (schemeTemplates.find((t: any) => t.code === 'S2-village-base-bonus-ballot').yaml as string)
      .replace('code: S2-village-base-bonus-ballot', `code: ${SCHEME}`)
      .replace('categories: [VILLAGE, COMMUNITY]', 'categories: [HOSPITAL]')
      .replace('max: 5,  capPerYear: 20}', 'max: 5,  capPerYear: 20, approval: BRANCH_COMMITTEE}')
    expect(yaml).toContain('approval: BRANCH_COMMITTEE')
    const version = (await admin.query(`mutation($i: PublishSchemeInput!) { publishScheme(input: $i) { version { schemeCode version } } }`,
      { i: { yaml } })).publishScheme.version
    await admin.query(`mutation($i: PinSchemeInput!) { pinScheme(input: $i) { pinned { version } } }`,
      { i: { year: thisYear(), category: 'HOSPITAL', schemeCode: version.schemeCode, version: version.version } })
  }
  const branch = (await admin.query(`mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { organization { id name } } }`,
    { i: { parentId: organizations.edges[0].node.id, code: `WEB-R${suffix}`, name: `审核测试支部${suffix}`, kind: 'BRANCH', category: 'HOSPITAL' } })).createOrganization.organization
  const member = (await admin.query(`mutation($i: CreateMemberInput!) { createMember(input: $i) { member { id name } } }`,
    { i: { code: `R${suffix}`, name: `审核党员${suffix}`, gender: 'MALE', category: 'HOSPITAL', branchId: branch.id } })).createMember.member
  return { branch, member, suffix }
}

test.describe('at phone width', () => {
  test.use({ viewport: { width: 375, height: 740 } })

  test('the branch committee sees additions waiting for approval on the sheet page, approves one and rejects one with a reason; the card shows both decisions', async ({ page }) => {
    const admin = await Api.as('admin.qs')
    const { branch, member, suffix } = await branchWithApproval(admin)
    const approvedReason = `带领群众修路 ${suffix}`
    const rejectedReason = `组织义诊 ${suffix}`
    const first = (await admin.query(POST, { i: { memberId: member.id, kind: 'ACHIEVEMENT', points: '3', occurredOn: today(), reason: approvedReason,
      idempotencyKey: `web-review-a-${suffix}`, evidence: { note: '村委会证明' } } })).postEntry.entry
    expect(first.review.status).toBe('PENDING')
    const second = (await admin.query(POST, { i: { memberId: member.id, kind: 'ACHIEVEMENT', points: '2', occurredOn: today(), reason: rejectedReason, idempotencyKey: `web-review-b-${suffix}` } })).postEntry.entry

    await login(page, 'admin.qs', `/sheet?branch=${branch.id}`)
    const list = page.getByTestId('pending-entries')
    await expect(list.getByRole('heading', { name: `待审核的加减分（${thisYear()} 年）` })).toBeVisible()
    const approving = list.getByTestId('pending-entry').filter({ hasText: approvedReason })
    await expect(approving).toContainText(`${member.name} · 加分 · ACHIEVEMENT`)
    await expect(approving).toContainText(`${first.points} 分`)
    await expect(approving).toContainText('村委会证明')
    await expect(approving).toContainText(first.actor)
    await expect(list.getByTestId('pending-entry')).toHaveCount(2)
    await expectAccessible(page)
    // the list fits the phone: nothing wider than the viewport
    expect(await list.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true)

    await approving.getByRole('button', { name: /^通过 / }).click()
    await expect(list.getByTestId('pending-message')).toContainText(`已通过：${member.name} 加分 ACHIEVEMENT ${first.points} 分`)
    await expect(list.getByTestId('pending-entry')).toHaveCount(1)

    const rejecting = list.getByTestId('pending-entry').filter({ hasText: rejectedReason })
    await rejecting.getByRole('button', { name: /^驳回 / }).click()
    await expect(rejecting.getByRole('button', { name: '确认驳回' })).toBeDisabled()
    await rejecting.getByLabel(/驳回理由/).fill('无证明材料')
    await expectAccessible(page)
    await rejecting.getByRole('button', { name: '确认驳回' }).click()
    await expect(list.getByTestId('pending-message')).toContainText(`已驳回：${member.name} 加分 ACHIEVEMENT ${second.points} 分（无证明材料）`)
    await expect(list.getByTestId('pending-empty')).toHaveText('没有待审核的加减分')

    await page.goto(`/card/${member.id}`)
    const monthBox = page.getByTestId(`month-${thisMonth()}`)
    // only the approved addition counts
    const card = (await admin.query(CARD, { id: member.id, y: thisYear() })).memberCard
    const additions = card.months.find((m: any) => m.month === thisMonth()).additions
    expect(Number(additions)).toBe(Number(first.points))
    await expect(monthBox.getByTestId('additions')).toHaveText(`加分+${additions}`)
    await monthBox.getByTestId('additions').click()
    const approved = page.getByTestId('entry').filter({ hasText: approvedReason })
    await expect(approved.getByTestId('entry-review')).toContainText('已通过')
    await expect(approved.getByTestId('entry-review')).toContainText('admin.qs')
    const rejected = page.getByTestId('entry').filter({ hasText: rejectedReason })
    await expect(rejected.getByTestId('entry-review')).toContainText('已驳回（无证明材料）')
    await expectAccessible(page)
  })
})

test('a pending addition shows 待审核 on the card until the branch committee decides', async ({ page }) => {
  const admin = await Api.as('admin.qs')
  const { member, suffix } = await branchWithApproval(admin)
  const reason = `调解邻里纠纷 ${suffix}`
  await admin.query(POST, { i: { memberId: member.id, kind: 'ACHIEVEMENT', points: '1', occurredOn: today(), reason, idempotencyKey: `web-review-c-${suffix}` } })

  await login(page, 'admin.qs', `/card/${member.id}`)
  const monthBox = page.getByTestId(`month-${thisMonth()}`)
  const card = (await admin.query(CARD, { id: member.id, y: thisYear() })).memberCard
  const additions = card.months.find((m: any) => m.month === thisMonth()).additions
  expect(Number(additions)).toBe(0)
  await expect(monthBox.getByTestId('additions')).toHaveText(`加分+${additions}`)
  await monthBox.getByTestId('additions').click()
  const entry = page.getByTestId('entry').filter({ hasText: reason })
  await expect(entry.getByTestId('entry-review')).toContainText('待审核')
  await expect(entry.getByTestId('entry-review')).toContainText('通过后计分')
})
