import { test, expect } from '@playwright/test'
import { login, Api, expectAccessible } from './support'

const EVENTS = `query($f: AuditEventFilter) { auditEvents(first: 50, filter: $f) { edges { node { id action actor subject targetIds } } } }`

test('a township admin filters the audit trail and follows an entry to everything that touched its object', async ({ page }) => {
  const admin = await Api.as('admin.qs')
  const { me, organizations } = await admin.query(`{ me { township { name } } organizations(first: 1, kind: COMMITTEE) { edges { node { id } } } }`)
  const suffix = Date.now().toString(36).toUpperCase()
  const committee = organizations.edges[0].node.id
  const created = (await admin.query(`mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { organization { id version } } }`,
    { i: { parentId: committee, code: `AUD-${suffix}`, name: `审计测试总支${suffix}`, kind: 'GENERAL_BRANCH', category: 'VILLAGE' } })).createOrganization.organization
  await admin.query(`mutation($i: UpdateOrganizationInput!) { updateOrganization(input: $i) { organization { id } } }`,
    { i: { id: created.id, name: `审计测试总支${suffix}（改名）`, version: created.version } })
  const touching = (await admin.query(EVENTS, { f: { target: created.id } })).auditEvents.edges.map((e: any) => e.node)
  expect(touching.map((e: any) => e.action)).toEqual(['updateOrganization', 'createOrganization'])

  await login(page, 'admin.qs', '/audit')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`审计日志 · ${me.township.name}`)
  await expect(page.getByTestId('audit-event').first()).toBeVisible()
  await page.getByLabel('操作', { exact: true }).fill('createOrganization')
  await page.getByLabel('操作人').fill('admin.qs')
  await page.getByRole('button', { name: '筛选' }).click()
  await expect(page).toHaveURL(/action=createOrganization/)
  const newest = page.getByTestId('audit-event').first()
  await expect(newest.getByTestId('audit-action')).toHaveText('createOrganization')
  await expect(newest.getByTestId('audit-actor')).toHaveText('admin.qs')
  await expect(newest.getByTestId('audit-subject')).toHaveText(created.id)
  for (const action of await page.getByTestId('audit-action').allTextContents()) expect(action).toBe('createOrganization')
  await expectAccessible(page)

  // the entry's object: every write that named it, newest first, whoever made it
  await page.getByRole('button', { name: '清除' }).click()
  await page.getByRole('button', { name: `只看涉及 ${created.id} 的记录` }).first().click()
  await expect(page.getByTestId('audit-event')).toHaveCount(touching.length)
  await expect(page.getByTestId('audit-action')).toHaveText(touching.map((e: any) => e.action))

  // phone width: the list reflows, nothing runs off the page
  await page.setViewportSize({ width: 375, height: 740 })
  await expect(page.getByTestId('audit-event').first()).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
})

test('a member cannot open the audit trail: the route sends them to their own card', async ({ page }) => {
  await login(page, 'mem.qs', '/audit')
  await expect(page).toHaveURL(/\/card$/)
  await expect(page.getByRole('link', { name: '审计日志' })).toHaveCount(0)
})
