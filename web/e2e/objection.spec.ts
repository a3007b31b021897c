import { test, expect } from '@playwright/test'
import { login, Api, expectAccessible } from './support'
import { today, thisYear, thisMonth } from './fixtures'

/** Every cell of the branch's sheet for this month at its item's maximum, confirmed at the versions read. */
async function confirmThisMonth(admin: Api, branchId: string) {
  const vars = { b: branchId, y: thisYear(), m: thisMonth() }
  const sheet = (await admin.query(`query($b: ID!, $y: Int!, $m: Int!) { monthSheet(branchId: $b, year: $y, month: $m) { items { code max } rows { member { id } cells { item version } } } }`, vars)).monthSheet
  const max = new Map(sheet.items.map((it: any) => [it.code, it.max]))
  const cells = sheet.rows.flatMap((r: any) => r.cells.map((c: any) => ({ memberId: r.member.id, item: c.item, points: String(max.get(c.item)), version: c.version })))
  await admin.query(`mutation($i: ConfirmMonthInput!) { confirmMonth(input: $i) { posted } }`,
    { i: { branchId, year: thisYear(), month: thisMonth(), idempotencyKey: `web-objection-${branchId}-${thisMonth()}`, cells } })
}

test('during the publication window a member objects to a line of the card, sees it listed, then sees the answer', async ({ page }) => {
  const admin = await Api.as('admin.cg')
  const memberApi = await Api.as('mem.cg')
  const member = (await memberApi.query(`{ me { member { id name branch { id } } } }`)).me.member
  const branchId = member.branch.id
  // the member objects to the latest scored month of the card: the demo scores the current year up to last month, so
  // in January there is none yet and this month's sheet is confirmed first, as the secretary would
  const readCard = async () => (await memberApi.query(`query($id: ID!, $y: Int!) { memberCard(memberId: $id, year: $y) { months { month items { name points } } } }`,
    { id: member.id, y: thisYear() })).memberCard
  const latestScored = (card: any) => card.months.filter((m: any) => m.items.some((i: any) => i.points != null)).at(-1)
  if (!latestScored(await readCard())) await confirmThisMonth(admin, branchId)
  const scored = latestScored(await readCard())
  const month: number = scored.month
  const item = scored.items.find((i: any) => i.points != null)
  // the branch's year settled and put on the board from today (the demo year has last year's window closed); the
  // scheme settles with the democratic evaluation, so the branch's members and ten mass representatives vote first
  const opened = await admin.raw(`mutation($i: OpenBallotInput!) { openBallot(input: $i) { ballot { id } codes { code } } }`,
    { i: { branchId, year: thisYear(), massRepresentatives: 10 } })
  if (!opened.errors) {
    const anonymous = await Api.anonymous()
    for (const { code } of opened.data.openBallot.codes) {
      const form = (await anonymous.query(`query($c: String!) { ballotForm(code: $c) { subjects { id } items { code } } }`, { c: code })).ballotForm
      const ratings = form.subjects.flatMap((s: any) => form.items.map((it: any) => ({ subjectId: s.id, item: it.code, score: '8' })))
      await anonymous.query(`mutation($i: CastVoteInput!) { castVote(input: $i) { accepted } }`, { i: { code, ratings } })
    }
    await admin.query(`mutation($i: CloseBallotInput!) { closeBallot(input: $i) { ballot { id } } }`, { i: { ballotId: opened.data.openBallot.ballot.id } })
  }
  const settle = `mutation($i: SettleBranchInput!) { settleBranch(input: $i) { settlement { run } } }`
  const first = await admin.raw(settle, { i: { branchId, year: thisYear() } })
  const missing: number[] = first.errors?.[0]?.extensions?.missingMonths ?? []
  if (first.errors) await admin.query(settle, { i: { branchId, year: thisYear(), acknowledgeMissingMonths: missing } })
  const published = (await admin.query(`mutation($i: PublishSettlementInput!) { publishSettlement(input: $i) { publication { startsOn endsOn state } } }`,
    { i: { branchId, year: thisYear(), startsOn: today() } })).publishSettlement.publication
  expect(published.state).toBe('OPEN')

  await page.setViewportSize({ width: 375, height: 740 })
  await login(page, 'mem.cg')
  await expect(page.getByTestId('publication-window')).toHaveText(`公示期 ${published.startsOn} 至 ${published.endsOn}，期间可对任一记录提出异议`)
  await page.getByRole('button', { name: `${month}月${item.name} ${item.points}，查看记录` }).click()
  const reason = `第${month}月${item.name}应为满分，有会议记录为证 ${Date.now()}`
  const entry = page.getByTestId('entry').first()
  await entry.getByRole('button', { name: '对此提出异议' }).click()
  await entry.getByLabel('异议理由').fill(reason)
  await entry.getByRole('button', { name: '提交异议' }).click()
  await expect(page.getByRole('status').filter({ hasText: '异议已提交，等待支部答复' })).toBeVisible()
  await page.keyboard.press('Escape')
  const listed = page.getByTestId('objection').filter({ hasText: reason })
  await expect(listed).toContainText(`对 ${month} 月「${item.name} ${item.points} 分」`)
  await expect(listed).toContainText('等待答复')
  await expectAccessible(page)

  // the branch answers; the member sees the answer on the card
  const filed = (await admin.query(`query($b: ID!, $y: Int!) { monthObjections(branchId: $b, year: $y) { id text } }`, { b: branchId, y: thisYear() }))
    .monthObjections.find((o: any) => o.text.includes(reason))
  await admin.query(`mutation($i: AnswerObjectionInput!) { answerObjection(input: $i) { objection { id } } }`,
    { i: { objectionId: filed.id, upheld: false, answer: '经核实，当月组织生活缺席一次，评分无误' } })
  await page.reload()
  await expect(page.getByTestId('objection').filter({ hasText: reason })).toContainText('答复（不成立）：经核实，当月组织生活缺席一次，评分无误')
})
