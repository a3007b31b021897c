import { test, expect } from '@playwright/test'
import { login, Api, expectAccessible } from './support'

const ME = `{ me { username roles township { name } managedBranch { name } member { name } } }`

test('a member signs in on Keycloak and lands on their own points card', async ({ page }) => {
  const { me } = await (await Api.as('mem.qs')).query(ME)
  await login(page, 'mem.qs')
  await expect(page).toHaveURL(/\/card$/)
  await expect(page.getByTestId('who')).toContainText(me.township.name)
  await expect(page.getByRole('heading', { level: 1 })).toContainText(me.member.name)
  await expectAccessible(page)
})

test('a branch secretary lands on the monthly sheet of the branch they manage', async ({ page }) => {
  const { me } = await (await Api.as('sec.qs')).query(ME)
  await login(page, 'sec.qs')
  await expect(page).toHaveURL(/\/sheet/)
  await expect(page.getByRole('heading', { level: 1 })).toContainText(me.managedBranch.name)
  await expectAccessible(page)
})

test('a township admin lands on the township with every branch and its members counted', async ({ page }) => {
  const api = await Api.as('admin.qs')
  const { me } = await api.query(ME)
  const { organizations } = await api.query(`{ organizations(first: 200, kind: BRANCH) { edges { node { memberCount } } } }`)
  const members = organizations.edges.reduce((s: number, e: any) => s + e.node.memberCount, 0)
  await login(page, 'admin.qs')
  await expect(page).toHaveURL(/\/township$/)
  await expect(page.getByRole('heading', { level: 1 })).toContainText(me.township.name)
  await expect(page.getByTestId('township-summary')).toHaveText(`党支部 ${organizations.edges.length} 个，在册党员 ${members} 名`)
  await expectAccessible(page)
})

test('logging out ends the Keycloak session: the console asks for the password again', async ({ page }) => {
  await login(page, 'mem.qs')
  await expect(page).toHaveURL(/\/card$/)
  await page.getByRole('button', { name: '退出登录' }).click()
  await expect(page.locator('#kc-login')).toBeVisible()
  await page.goto('/card')
  await expect(page.locator('#password')).toBeVisible()
})

test('a console route opened directly is served by the history-mode fallback after sign-in', async ({ page }) => {
  await login(page, 'mem.qs', '/rankings')
  await expect(page).toHaveURL(/\/rankings$/)
  await expect(page.getByTestId('who')).toBeVisible()
})
