import { test, expect } from '@playwright/test'
import { Api, expectAccessible, screenshot } from './support'
import { thisYear } from './fixtures'

test.use({ viewport: { width: 375, height: 740 } })

/** A ballot of its own for this run: one per branch and year, so the first QS branch without one this year. */
async function openFreshBallot() {
  const admin = await Api.as('admin.qs')
  const { organizations } = await admin.query(`{ organizations(first: 200, kind: BRANCH) { edges { node { id memberCount } } } }`)
  for (const { node } of organizations.edges.filter((e: any) => e.node.memberCount > 0)) {
    const r = await admin.raw(`mutation($i: OpenBallotInput!) { openBallot(input: $i) { ballot { id } codes { code } } }`,
      { i: { branchId: node.id, year: thisYear(), massRepresentatives: 10 } })
    if (!r.errors) return { admin, ballotId: r.data.openBallot.ballot.id as string, codes: r.data.openBallot.codes.map((c: any) => c.code as string) }
    expect(r.errors[0].extensions.code).toBe('BALLOT_EXISTS')
  }
  throw new Error('every QS branch already has a ballot this year')
}

const FORM = `query($c: String!) { ballotForm(code: $c) { branchName form subjects { name } options { name } } }`

test('a rater opens the link of the printed slip without an account, rates, and gets a receipt that reveals nothing', async ({ page }) => {
  const { admin, ballotId, codes } = await openFreshBallot()
  const form = (await (await Api.anonymous()).query(FORM, { c: codes[0] })).ballotForm
  expect(form.form).toBe('GRADE_VOTES')

  await page.goto(`/vote/${codes[0]}`)
  await expect(page.getByText(`${form.branchName} · ${thisYear()} 年度党员民主测评`)).toBeVisible()
  await expect(page.getByTestId('subject')).toHaveCount(form.subjects.length)
  await expectAccessible(page)
  const first = page.getByTestId('subject').filter({ hasText: form.subjects[0].name })
  await first.getByText(form.options[0].name, { exact: true }).click()
  const second = page.getByTestId('subject').filter({ hasText: form.subjects[1].name })
  await second.getByText(form.options[1].name, { exact: true }).click()
  await screenshot(page, 'vote-phone')
  await page.getByRole('button', { name: /提交测评/ }).click()

  const receipt = page.getByTestId('receipt')
  await expect(receipt).toContainText('测评已提交')
  for (const s of form.subjects.slice(0, 2)) await expect(receipt).not.toContainText(s.name)
  const { ballot } = await admin.query(`query($id: ID!) { ballot(id: $id) { votes } }`, { id: ballotId })
  expect(ballot.votes).toBe(1)
})

test('a used code and a wrong code are refused with the service\'s Chinese message', async ({ page }) => {
  const { codes } = await openFreshBallot()
  const anonymous = await Api.anonymous()
  const form = (await anonymous.query(`query($c: String!) { ballotForm(code: $c) { subjects { id name } options { code name } } }`, { c: codes[0] })).ballotForm
  const vote = { i: { code: codes[0], ratings: [{ subjectId: form.subjects[0].id, option: form.options[0].code }] } }
  const CAST = `mutation($i: CastVoteInput!) { castVote(input: $i) { accepted } }`
  await anonymous.query(CAST, vote)
  const used = (await anonymous.raw(CAST, vote)).errors[0].message
  const wrongCode = 'QS-0000-0000-0000'
  const wrong = (await anonymous.raw(FORM, { c: wrongCode })).errors[0].message

  // a used code and one never issued get the same answer (no oracle for guessers), and a used code no longer serves
  // the form: the slip's link shows the message instead of the subjects
  expect(used).toBe(wrong)
  await page.goto(`/vote/${codes[0]}`)
  await expect(page.getByTestId('vote-error')).toContainText(used)
  await expect(page.getByTestId('subject')).toHaveCount(0)
  await expect(page.getByTestId('receipt')).toHaveCount(0)

  await page.goto('/vote')
  await page.getByLabel(/请输入测评码/).fill(wrongCode.toLowerCase())
  await page.getByRole('button', { name: '开始测评' }).click()
  await expect(page.getByTestId('vote-error')).toContainText(wrong)
  await expectAccessible(page)
})
