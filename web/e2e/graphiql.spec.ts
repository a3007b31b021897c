import { test, expect } from '@playwright/test'
import { login, Api } from './support'

test('GraphiQL loads from the service alone and runs a query signed in through the same Keycloak login', async ({ page }) => {
  const { me } = await (await Api.as('admin.qs')).query(`{ me { username township { name } } }`)
  const outside: string[] = []
  page.on('request', (r) => {
    const host = new URL(r.url()).hostname
    if (host !== '127.0.0.1' && host !== 'localhost') outside.push(r.url())
  })
  await login(page, 'admin.qs', '/graphiql')
  await expect(page).toHaveURL(/\/graphiql$/)
  await page.getByRole('button', { name: /Execute query/ }).click()
  await expect(page.locator('.result-window')).toContainText(me.township.name)
  await expect(page.locator('.result-window')).toContainText(me.username)
  expect(outside).toEqual([])
})
