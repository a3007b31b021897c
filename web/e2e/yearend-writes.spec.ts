import { test, expect, type Page, type Download } from '@playwright/test'
import ExcelJS from 'exceljs'
import { login, Api, expectAccessible } from './support'
import { today, thisYear, GRADE } from './fixtures'

// The demo year leaves two of each township's branches for the administrator (DemoYear.Unfinished): the last branch by
// code settled but not starred or published, and the last one before it with members to follow up published, its
// window (7 working days from the second Monday of January) closed, one objection unanswered, not final. A window
// cannot start in the past, so finalizing in a browser test needs such a branch: each test uses its branch once, on
// the fresh database web_tests starts the service with.
const lastYear = () => thisYear() - 1

const BRANCH_YEAR = `query($b: ID!, $y: Int!) {
  settlement(branchId: $b, year: $y) { run members { rank member { name } annualTotal grade } annualStars { basis quota candidates { id name } confirmed { name } } }
  publication(branchId: $b, year: $y) { startsOn endsOn state objections { id member { name } text upheld answer } } }`

/** The demo's branches of 城关镇 (CG-…), last code first; other specs add branches of their own (WEB-…). */
async function branchesLastCodeFirst(admin: Api): Promise<{ id: string; code: string; name: string }[]> {
  const edges = (await admin.query(`{ organizations(first: 500, kind: BRANCH) { edges { node { id code name } } } }`)).organizations.edges
  return edges.map((e: any) => e.node).filter((b: any) => b.code.startsWith('CG-')).sort((a: any, b: any) => b.code.localeCompare(a.code))
}

/** The rows of the first sheet of a downloaded workbook, as text. */
async function sheetRows(download: Download): Promise<string[][]> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile((await download.path())!)
  const rows: string[][] = []
  wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))))
  return rows
}

async function download(page: Page, button: string): Promise<Download> {
  const pending = page.waitForEvent('download')
  await page.getByRole('button', { name: button }).click()
  return pending
}

test('the township admin settles a branch and the township, reviews the results, awards the annual stars within the quota and publishes them for 7 working days', async ({ page }) => {
  const admin = await Api.as('admin.cg')
  const branch = (await branchesLastCodeFirst(admin))[0]
  const before = await admin.query(BRANCH_YEAR, { b: branch.id, y: lastYear() })
  expect(before.publication, `${branch.code} is left unpublished by the demo year (a fresh database)`).toBeNull()
  expect(before.settlement.annualStars.confirmed).toEqual([])

  await login(page, 'admin.cg', `/year-end?branch=${branch.id}&year=${lastYear()}`)
  await expect(page.getByTestId('settlement-summary')).toContainText(`第 ${before.settlement.run} 次结算`)
  await page.getByRole('button', { name: '结算本支部' }).click()
  const run = before.settlement.run + 1
  await expect(page.getByTestId('settlement-message')).toContainText(`${branch.name} 已结算（第 ${run} 次）`)
  await expect(page.getByTestId('settlement-summary')).toContainText(`第 ${run} 次结算`)

  // review: every member with the rank, total and grade the service computed
  const settled = (await admin.query(BRANCH_YEAR, { b: branch.id, y: lastYear() })).settlement
  expect(settled.run).toBe(run)
  await expect(page.getByTestId('settlement-name')).toHaveCount(settled.members.length)
  for (const m of settled.members.slice(0, 3)) {
    const row = page.getByRole('row').filter({ has: page.getByTestId('settlement-name').getByText(m.member.name, { exact: true }) }).first()
    await expect(row.getByTestId('settlement-total')).toHaveText(m.annualTotal)
    await expect(row.getByTestId('settlement-grade')).toHaveText(GRADE[m.grade] ?? m.grade)
  }
  const summary = await sheetRows(await download(page, '年度综合得分登记表（XLSX）'))
  expect(summary[0].join('')).toContain(`${branch.name} ${lastYear()} 年度党员综合得分登记表`)
  expect(summary[1]).toEqual(expect.arrayContaining(['序号', '编号', '姓名', '年度总积分', '星级', '等次', '名次']))
  expect(summary.filter((r) => settled.members.some((m: any) => r.includes(m.member.name)))).toHaveLength(settled.members.length)

  // the annual stars: the quota shown, no more candidates can be ticked than it allows
  const stars = settled.annualStars
  expect(stars.quota).toBeGreaterThan(0)
  await expect(page.getByTestId('star-quota')).toContainText(`按 ${stars.basis} 名符合评选条件的党员，名额 ${stars.quota} 名；已确认 0 名`)
  const chosen = stars.candidates.slice(0, stars.quota)
  // Element Plus draws its own box over a hidden input: a person clicks the label
  for (const c of chosen) {
    await page.locator('label.el-checkbox').filter({ hasText: c.name }).click()
    await expect(page.getByRole('checkbox', { name: c.name })).toBeChecked()
  }
  for (const c of stars.candidates.slice(stars.quota)) await expect(page.getByRole('checkbox', { name: c.name })).toBeDisabled()
  await page.getByRole('button', { name: '确认年度之星' }).click()
  await expect(page.getByTestId('settlement-message')).toContainText(`已确认年度之星：${chosen.map((c: any) => c.name).join('、')}`)
  await expect(page.getByTestId('stars-confirmed')).toContainText(chosen.map((c: any) => c.name).join('、'))
  await expectAccessible(page)

  // the township: every branch with scored members settled again, each in its own run
  await page.getByRole('button', { name: '全镇结算' }).click()
  await page.getByRole('dialog').getByRole('button', { name: '结算', exact: true }).click()
  await expect(page.getByTestId('settlement-message')).toContainText(/全镇结算：\d+ 个支部已结算，\d+ 个未能结算/, { timeout: 60_000 })
  const township = (await admin.query(BRANCH_YEAR, { b: branch.id, y: lastYear() })).settlement
  expect(township.run).toBe(run + 1)
  await expect(page.getByTestId('settlement-summary')).toContainText(`第 ${run + 1} 次结算`)

  // publication from today, 7 working days counted by the township's calendar
  await page.getByRole('tab', { name: '公示与异议' }).click()
  await expect(page.getByLabel('公示开始日')).toHaveValue(today())
  await page.getByRole('button', { name: '张榜公示' }).click()
  await expect(page.getByTestId('publication-message')).toContainText('已张榜公示：')
  const published = (await admin.query(BRANCH_YEAR, { b: branch.id, y: lastYear() })).publication
  expect(published.startsOn).toBe(today())
  expect(published.state).toBe('OPEN')
  await expect(page.getByTestId('publication-message')).toContainText(`已张榜公示：${published.startsOn} 至 ${published.endsOn}`)
  await expect(page.getByTestId('publication-state')).toHaveText('公示中')
  await expect(page.getByTestId('publication-window')).toHaveText(`${published.startsOn} 至 ${published.endsOn}`)
  await expect(page.getByTestId('working-days')).toHaveCount(7)
  await expect(page.getByTestId('working-days').last()).toContainText(published.endsOn.slice(5))
  // not final before the window is over: the service says until when
  await page.getByTestId('finalize').click()
  await page.getByRole('dialog').getByRole('button', { name: '确认最终结果' }).click()
  await expect(page.getByTestId('publication-message')).toContainText(`公示期至 ${published.endsOn} 结束，期满后才能确认最终结果`)
  const board = await sheetRows(await download(page, '公示栏（XLSX）'))
  for (const c of chosen) expect(board.find((r) => r.includes(c.name))).toContain('年度之星')
  await expectAccessible(page)
})

test('after the window the township admin answers the objection, finalizes the results, issues the notices and records an outcome', async ({ page }) => {
  const admin = await Api.as('admin.cg')
  const branches = await branchesLastCodeFirst(admin)
  const found = []
  for (const b of branches.slice(1)) {
    const y = await admin.query(BRANCH_YEAR, { b: b.id, y: lastYear() })
    if (y.publication?.state === 'CLOSED') found.push({ branch: b, year: y })
  }
  expect(found.map((f) => f.branch.code), 'the demo year leaves one branch with its window closed and not final (a fresh database)').toHaveLength(1)
  const [{ branch, year }] = found
  const pending = year.publication.objections.filter((o: any) => o.upheld === null)
  expect(pending).toHaveLength(1)

  await login(page, 'admin.cg', `/year-end?branch=${branch.id}&year=${lastYear()}&tab=publication`)
  await expect(page.getByTestId('publication-state')).toHaveText('公示期满')
  await expect(page.getByTestId('publication-window')).toHaveText(`${year.publication.startsOn} 至 ${year.publication.endsOn}`)
  // an objection still unanswered holds the results back
  await page.getByTestId('finalize').click()
  await page.getByRole('dialog').getByRole('button', { name: '确认最终结果' }).click()
  await expect(page.getByTestId('publication-message')).toContainText('还有 1 条异议未答复，不能确认最终结果')

  const objection = page.getByTestId('objection').filter({ hasText: pending[0].text })
  await expect(objection).toContainText(pending[0].member.name)
  await expect(objection).toContainText('待答复')
  const answer = `经核对党费收缴台账，${pending[0].member.name} 下半年党费按时交纳，得分无误，不予采纳。`
  await objection.getByRole('radio', { name: '不成立' }).check()
  await objection.getByLabel('答复内容').fill(answer)
  await objection.getByRole('button', { name: '答复' }).click()
  await expect(page.getByTestId('publication-message')).toContainText('已答复：异议不成立')
  await expect(objection.getByTestId('objection-answer')).toContainText(`答复（admin.cg，`)
  await expect(objection.getByTestId('objection-answer')).toContainText(answer)
  await expect(objection).toContainText('不成立')
  await expectAccessible(page)

  await page.getByTestId('finalize').click()
  await page.getByRole('dialog').getByRole('button', { name: '确认最终结果' }).click()
  await expect(page.getByTestId('publication-message')).toContainText('已确认最终结果')
  await expect(page.getByTestId('publication-state')).toHaveText('已确认最终结果')
  await expect(page.getByTestId('finalize')).toHaveCount(0)

  // notices for the basic and unqualified grades of the final results
  const followed = year.settlement.members.filter((m: any) => m.grade === 'BASIC' || m.grade === 'UNQUALIFIED')
  expect(followed.length).toBeGreaterThan(0)
  await page.getByRole('tab', { name: '通知书' }).click()
  await page.getByRole('button', { name: `为 ${branch.name} 发放通知书` }).click()
  await expect(page.getByTestId('notice-message')).toContainText(`${branch.name}：发放通知书 ${followed.length} 份`)
  await page.locator('label').filter({ hasText: '只看本支部' }).click()
  await expect(page.getByRole('switch', { name: '只看本支部' })).toHaveAttribute('aria-checked', 'true')
  await expect(page.getByTestId('notice-member')).toHaveCount(followed.length)
  for (const m of followed) await expect(page.getByTestId('notice-member').getByText(m.member.name, { exact: true })).toBeVisible()
  const first = page.getByRole('row').filter({ has: page.getByTestId('notice-member').getByText(followed[0].member.name, { exact: true }) })
  await expect(first).toContainText(`${followed[0].grade === 'BASIC' ? '告诫通知书' : '限期整改通知书'}（${GRADE[followed[0].grade]}）`)
  const pdf = page.waitForEvent('download')
  await first.getByRole('button', { name: 'PDF' }).click()
  expect((await pdf).suggestedFilename()).toMatch(/\.pdf$/)

  const note = '已与本人谈话，本人表示按期改正，支部指定党员帮带'
  await first.getByLabel(`${followed[0].member.name} 整改情况`).fill(note)
  await first.getByRole('button', { name: '记录' }).click()
  await expect(page.getByTestId('notice-message')).toContainText('已记录整改结果')
  await expect(first.getByTestId('notice-outcome')).toHaveText(`已改正：${note}`)
  await expectAccessible(page)
})

test('the branch secretary closes the year of their own branch only: the township\'s acts are not offered', async ({ page }) => {
  const sec = await Api.as('sec.cg')
  const own = (await sec.query(`{ me { managedBranch { id name } } }`)).me.managedBranch
  const { settlement, publication } = await sec.query(BRANCH_YEAR, { b: own.id, y: lastYear() })

  await login(page, 'sec.cg', `/year-end?year=${lastYear()}`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('年终评定')
  await page.getByRole('combobox', { name: '支部' }).click({ force: true })
  await expect(page.getByRole('option')).toHaveText([own.name])
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('settlement-summary')).toContainText(`第 ${settlement.run} 次结算`)
  await expect(page.getByTestId('settlement-name')).toHaveCount(settlement.members.length)
  await expect(page.getByRole('button', { name: '结算本支部' })).toBeVisible()
  await expect(page.getByRole('button', { name: '全镇结算' })).toHaveCount(0)
  await expect(page.getByRole('tab', { name: '通知书' })).toHaveCount(0)
  await expect(page.getByRole('tab', { name: '除名程序' })).toHaveCount(0)
  await expectAccessible(page)

  await page.getByRole('tab', { name: '公示与异议' }).click()
  await expect(page.getByTestId('publication-window')).toHaveText(`${publication.startsOn} 至 ${publication.endsOn}`)
  await expect(page.getByTestId('objection')).toHaveCount(publication.objections.length)
  await expect(page.getByTestId('finalize')).toHaveCount(0)
})
