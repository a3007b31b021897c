import { test, expect } from '@playwright/test'
import { login, Api, expectAccessible } from './support'

const OVERVIEW = `{ townshipOverview { code name status members activeMembers branches } }`

test('the operator sees every township with its figures, onboards one, suspends and resumes it, and exports it', async ({ page }) => {
  const api = await Api.as('operator')
  const overview = (await api.query(OVERVIEW)).townshipOverview
  const qs = overview.find((t: any) => t.code === 'QS')

  await login(page, 'operator')
  await expect(page).toHaveURL(/\/operator$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('平台运维 · 乡镇一览')
  for (const t of overview.filter((x: any) => ['QS', 'CG', 'KF'].includes(x.code))) {
    const row = page.getByTestId(`township-${t.code}`)
    await expect(row.getByRole('rowheader')).toHaveText(t.name)
    await expect(row.getByTestId('members')).toHaveText(`${t.members}（${t.activeMembers}）`)
    await expect(row.getByTestId('status')).toHaveText('正常')
  }
  expect(qs.members).toBeGreaterThan(0)
  await expectAccessible(page)

  // onboard: the first administrator's one-time password is shown once
  const code = `W${Date.now().toString(36).toUpperCase().slice(-5)}`
  await page.getByLabel('乡镇代码').fill(code)
  await page.getByLabel('乡镇名称').fill(`网页开通镇${code}`)
  await page.getByLabel('所属县代码').fill('DEMO')
  await page.getByRole('group', { name: '党员类别' }).getByText('农村', { exact: true }).click()
  await expect(page.getByRole('checkbox', { name: '农村' })).toBeChecked()
  await page.getByLabel('管理员用户名').fill(`admin.${code.toLowerCase()}`)
  await page.getByLabel('管理员姓名').fill('王管理')
  await page.getByLabel('管理员邮箱').fill(`admin.${code.toLowerCase()}@example.org`)
  await page.getByRole('button', { name: '开通' }).click()
  await expect(page.getByTestId('onboarded')).toContainText(`已开通 网页开通镇${code}（${code}）`)
  await expect(page.getByTestId('initial-password')).not.toHaveText('')
  const row = page.getByTestId(`township-${code}`)
  await expect(row.getByTestId('status')).toHaveText('正常')
  expect((await api.query(OVERVIEW)).townshipOverview.find((t: any) => t.code === code).status).toBe('ACTIVE')

  // suspend with a reason, then resume
  await row.getByRole('button', { name: '暂停' }).click()
  await page.getByLabel('暂停原因').fill('欠费，待续约')
  await page.getByRole('button', { name: '确认暂停' }).click()
  await expect(page.getByTestId('operator-message')).toContainText(`已暂停 网页开通镇${code}（${code}）`)
  await expect(row.getByTestId('status')).toHaveText('已暂停')
  expect((await api.query(OVERVIEW)).townshipOverview.find((t: any) => t.code === code).status).toBe('SUSPENDED')
  await row.getByRole('button', { name: '恢复' }).click()
  await expect(row.getByTestId('status')).toHaveText('正常')

  // export: a ZIP downloaded with the operator's token
  const download = page.waitForEvent('download')
  await row.getByRole('button', { name: '导出' }).click()
  expect((await download).suggestedFilename()).toMatch(/\.zip$/)
  await expect(page.getByTestId('operator-message')).toContainText('已导出')
  await expectAccessible(page)

  await page.setViewportSize({ width: 375, height: 740 })
  await expect(row).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
})
