import { test, expect, type Page } from '@playwright/test'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { login, Api, choose, expectAccessible } from './support'

const ORGS = `{ organizations(first: 500) { edges { node { id name kind category parent { id } } } } }`
const MEMBERS = `query($b: ID!) { members(first: 500, filter: { branchId: $b, subtree: true, status: ACTIVE }) { edges { node { id code name status exempt branch { id } } } } }`

/** A branch of its own for this run, under the demo branch's parent, so the demo's rosters stay as they are. */
async function freshBranch(admin: Api, suffix: string) {
  const sec = await Api.as('sec.cg')
  const model = (await sec.query(`{ me { managedBranch { id name category parent { id } } } }`)).me.managedBranch
  const branch = (await admin.query(`mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { organization { id name } } }`,
    { i: { parentId: model.parent?.id, code: `WEB-O${suffix}`, name: `名册测试支部${suffix}`, kind: 'BRANCH', category: model.category } })).createOrganization.organization
  return { branch, model }
}

const row = (page: Page, name: string) => page.getByRole('row').filter({ has: page.getByTestId('member-name').getByText(name, { exact: true }) })

async function dialogSubmit(page: Page) {
  await page.getByTestId('dialog-submit').click()
  await expect(page.getByRole('dialog')).toBeHidden()
}

test('the township admin sees the org tree with each branch\'s roster, and adds, edits, exempts, transfers and marks a member as left', async ({ page }) => {
  test.setTimeout(360_000)
  const admin = await Api.as('admin.cg')
  const suffix = Date.now().toString(36).toUpperCase()
  const { branch, model } = await freshBranch(admin, suffix)
  const orgs = (await admin.query(ORGS)).organizations.edges.map((e: any) => e.node)
  const committee = orgs.find((o: any) => !o.parent)
  const demoRoster = (await admin.query(MEMBERS, { b: model.id })).members.edges.map((e: any) => e.node)

  await login(page, 'admin.cg', '/org')
  await expect(page.getByRole('heading', { level: 1 })).toContainText('组织与名册')
  const tree = page.getByTestId('org-tree')
  await expect(tree.getByText(committee.name, { exact: true })).toBeVisible()
  // a branch of the demo: its roster as the service has it
  await tree.getByText(model.name, { exact: true }).click()
  await expect(page.getByTestId('roster-title')).toHaveText(model.name)
  await expect(page.getByTestId('member-name')).toHaveCount(demoRoster.length)
  await expect(page.getByTestId('roster-count')).toHaveText(`共 ${demoRoster.length} 名`)
  for (const m of demoRoster.slice(0, 3)) await expect(page.getByTestId('member-name').getByText(m.name, { exact: true })).toBeVisible()
  await expectAccessible(page)

  // the fresh branch: add two members through the form
  await tree.getByText(branch.name, { exact: true }).click()
  await expect(page.getByTestId('roster-title')).toHaveText(branch.name)
  await expect(page.getByTestId('member-name')).toHaveCount(0)
  for (const [n, name] of [[1, `名册甲${suffix}`], [2, `名册乙${suffix}`]] as const) {
    await page.getByRole('button', { name: '新增党员' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('编号').fill(`O${suffix}${n}`)
    await dialog.getByLabel('姓名').fill(name)
    await dialog.getByLabel('联系电话').fill('13800000000')
    await dialogSubmit(page)
    await expect(page.getByTestId('org-message')).toContainText(`已新增党员 ${name}`)
  }
  await expect(page.getByTestId('member-name')).toHaveCount(2)
  await expectAccessible(page)

  // edit: the name changes in the roster
  await row(page, `名册甲${suffix}`).getByRole('button', { name: '编辑' }).click()
  await page.getByRole('dialog').getByLabel('姓名').fill(`名册丙${suffix}`)
  await dialogSubmit(page)
  await expect(row(page, `名册丙${suffix}`)).toBeVisible()

  // exempt, with a reason: the row shows it
  await row(page, `名册丙${suffix}`).getByRole('button', { name: '不列入' }).click()
  await page.getByRole('dialog').getByLabel('原因').fill('长期患病')
  await dialogSubmit(page)
  await expect(row(page, `名册丙${suffix}`)).toContainText('不列入积分管理')

  // a transfer without a reason is refused with the service's message, then done with one
  await row(page, `名册乙${suffix}`).getByRole('button', { name: '转接' }).click()
  const transfer = page.getByRole('dialog')
  await transfer.getByLabel('转入支部').click()
  await page.getByRole('option', { name: model.name, exact: true }).click()
  await transfer.getByTestId('dialog-submit').click()
  await expect(transfer.getByTestId('dialog-error')).toBeVisible()
  await transfer.getByLabel('转接原因').fill('工作调动')
  await dialogSubmit(page)
  await expect(page.getByTestId('org-message')).toContainText(`已将 名册乙${suffix} 转至 ${model.name}`)
  await expect(page.getByTestId('member-name')).toHaveCount(1)

  // marked as left: gone from the active roster, shown under 已离开
  await row(page, `名册丙${suffix}`).getByRole('button', { name: '离开' }).click()
  await page.getByRole('dialog').getByLabel('离开原因').fill('转出本乡镇')
  await dialogSubmit(page)
  await expect(page.getByTestId('member-name')).toHaveCount(0)
  await choose(page, '状态', '已离开')
  await expect(row(page, `名册丙${suffix}`)).toContainText('已离开')

  const left = (await admin.query(`query($b: ID!) { members(first: 10, filter: { branchId: $b, status: LEFT }) { edges { node { name leftReason exempt } } } }`, { b: branch.id })).members.edges
  expect(left.map((e: any) => e.node)).toEqual([{ name: `名册丙${suffix}`, leftReason: '转出本乡镇', exempt: true }])
})

test('a roster file is previewed, its bad rows are shown against their row and nothing is stored until the file is clean', async ({ page }) => {
  const admin = await Api.as('admin.cg')
  const suffix = Date.now().toString(36).toUpperCase()
  const { branch } = await freshBranch(admin, suffix)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-'))
  const header = '编号,姓名,性别,党员类别,类型,所在支部,入党日期,联系电话'
  const bad = path.join(dir, 'bad.csv')
  fs.writeFileSync(bad, [header,
    `R${suffix}1,导入甲${suffix},男,农村,无职,${branch.name},2001-07-01,13900000001`,
    `R${suffix}2,导入乙${suffix},未知,农村,无职,${branch.name},2002-07-01,13900000002`,
    `R${suffix}3,导入丙${suffix},女,农村,无职,没有这个支部,2003-07-01,13900000003`].join('\n'))

  await login(page, 'admin.cg', '/org')
  await page.getByTestId('roster-file').setInputFiles(bad)
  await expect(page.getByTestId('import-summary')).toContainText('预览：3 行')
  await expect(page.locator('[aria-label=名册预览]').getByText(`导入乙${suffix}`)).toBeVisible()
  await page.getByTestId('import-submit').click()
  await expect(page.getByTestId('import-summary')).toContainText('2 处错误，未保存')
  await expect(page.locator('[data-testid=row-error][data-row="3"]')).toContainText('性别')
  await expect(page.locator('[data-testid=row-error][data-row="4"]')).toContainText('没有这个支部')
  await expect(page.locator('[data-testid=row-error][data-row="2"]')).toHaveCount(0)
  await expectAccessible(page)
  const none = (await admin.query(`query($s: String!) { members(first: 10, filter: { search: $s }) { edges { node { id } } } }`, { s: `R${suffix}` })).members.edges
  expect(none).toEqual([])

  const good = path.join(dir, 'good.csv')
  fs.writeFileSync(good, [header,
    `R${suffix}1,导入甲${suffix},男,农村,无职,${branch.name},2001-07-01,13900000001`,
    `R${suffix}2,导入乙${suffix},女,农村,有职,${branch.name},2002-07-01,13900000002`].join('\n'))
  await page.getByTestId('roster-file').setInputFiles(good)
  await expect(page.getByTestId('import-summary')).toContainText('预览：2 行')
  await page.getByTestId('import-submit').click()
  await expect(page.getByTestId('org-message')).toContainText('已导入 2 名党员')
  await page.getByTestId('org-tree').getByText(branch.name, { exact: true }).click()
  await expect(page.getByTestId('member-name')).toHaveCount(2)
  await expect(page.getByTestId('member-name').getByText(`导入乙${suffix}`)).toBeVisible()
})

test('the organization page is readable on a phone and is the township admin\'s only', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 })
  await login(page, 'admin.cg', '/org')
  await expect(page.getByTestId('org-tree')).toBeVisible()
  await expect(page.getByTestId('roster-title')).toBeVisible()
  await expect(page.getByTestId('member-name').first()).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
  await expectAccessible(page)
})

test('a member who opens the organization page lands on the card', async ({ page }) => {
  await login(page, 'mem.cg', '/org')
  await expect(page).toHaveURL(/\/card/)
})
