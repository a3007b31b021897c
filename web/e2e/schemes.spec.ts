import { test, expect, type Page } from '@playwright/test'
import { login, Api, choose, expectAccessible, screenshot } from './support'
import { thisYear } from './fixtures'

const lastYear = () => thisYear() - 1
const SCHEMES = `query($y: Int!) { schemes { code name versions { version yaml } } scoringYear(year: $y) { category schemeCode version } }`

/** The scheme pinned for last year and its text, as the service has them: the demo's year is scored with it. */
async function pinnedScheme() {
  const admin = await Api.as('admin.cg')
  const { schemes, scoringYear } = await admin.query(SCHEMES, { y: lastYear() })
  const pin = scoringYear[0]
  const scheme = schemes.find((s: any) => s.code === pin.schemeCode)
  return { pin, scheme, yaml: scheme.versions.find((v: any) => v.version === pin.version).yaml as string }
}

/** Puts the caret at the start of a 0-based line, as a person would with the keyboard. */
async function caretToLine(page: Page, index: number) {
  await page.getByRole('textbox', { name: '方案 YAML' }).click()
  await page.keyboard.press('ControlOrMeta+Home')
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Home')
}

test('the township admin edits a draft scheme: the service\'s error at its line, the diff, and last year recomputed', async ({ page }) => {
  test.setTimeout(180_000)
  const { pin, scheme, yaml } = await pinnedScheme()
  // a top-level key well inside the document: a misspelt key put before it is an error of that line, column 1
  const lines = yaml.split('\n')
  const target = lines.findIndex((l, i) => i >= 3 && /^[A-Za-z]\w*:/.test(l))
  expect(target).toBeGreaterThan(0)

  await login(page, 'admin.cg', '/schemes')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('积分方案')
  const row = page.getByTestId('scheme-list').getByRole('row').filter({ hasText: scheme.code })
  await expect(row).toContainText(scheme.name)
  await expect(row).toContainText(`第 ${pin.version} 版`)
  await row.getByRole('button', { name: `第 ${pin.version} 版` }).click()
  await expect(page.getByRole('heading', { name: `编辑草案（基于 ${scheme.code} 第 ${pin.version} 版）` })).toBeVisible()
  await expect(page.getByTestId('diff-summary')).toHaveText('草案与该版本相同')

  // an unknown key: the service's validator answers while typing, at the key's line and column
  await caretToLine(page, target)
  await page.keyboard.insertText('bogusKey: 1\n')
  const errors = page.getByTestId('validation-errors')
  await expect(errors).toContainText(`第 ${target + 1} 行第 1 列`)
  await expect(page.locator('.cm-lintRange-error').first()).toBeVisible()
  await expect(page.getByRole('button', { name: `按草案重算 ${lastYear()} 年` })).toBeDisabled()

  // fixed: the line becomes a comment, the draft validates, the diff shows just that line
  await page.keyboard.press('ArrowUp')
  await page.keyboard.press('Shift+End')
  await page.keyboard.insertText('# 草案：试算')
  await expect(page.getByTestId('validation-ok')).toBeVisible()
  await expect(errors).toHaveCount(0)
  await expect(page.getByTestId('diff-summary')).toHaveText('改动 1 行')
  await expect(page.getByTestId('scheme-diff')).toContainText('+ # 草案：试算')
  await expect(page.getByTestId('scheme-diff')).toContainText(`  ${lines[target]}`)

  // last year under the draft, member by member (a comment changes nobody's result)
  await page.getByRole('button', { name: `按草案重算 ${lastYear()} 年` }).click()
  const table = page.getByTestId('whatif-table')
  await expect(table.locator('tbody tr').first()).toBeVisible()
  const rows = await table.locator('tbody tr').count()
  expect(rows).toBeGreaterThan(0)
  await expect(page.getByTestId('whatif-summary')).toContainText('结果变化 0 人')
  await expect(table.locator('tbody tr').first()).toContainText('不变')

  // publishing asks first; cancelled here, so the demo's schemes stay as other specs expect them
  await page.getByRole('button', { name: '发布并锁定…' }).click()
  const confirm = page.getByRole('dialog', { name: '发布并锁定方案' })
  await expect(confirm).toContainText(`锁定为 ${lastYear()} 年`)
  await confirm.getByRole('button', { name: '取消' }).click()
  await expect(confirm).toBeHidden()

  await expectAccessible(page)
  await screenshot(page, 'scheme-editor')
})

test('the scheme editor is readable on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 })
  await login(page, 'admin.cg', '/schemes')
  await expect(page.getByTestId('yaml-editor')).toBeVisible()
  await expect(page.getByTestId('validation-ok')).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
  await expectAccessible(page)
})

test('the township admin publishes a scheme of its own and pins it for next year, after a confirmation', async ({ page }) => {
  test.setTimeout(120_000)
  const admin = await Api.as('admin.cg')
  const next = thisYear() + 1
  const { schemes } = await admin.query(SCHEMES, { y: next })
  // a scheme code of this run's own, pinned for a year nobody has data in: the demo's schemes and pins stay as they are
  const model = schemes.find((s: any) => s.code === 'S1-ten-item-star-rating')
  const latest = model.versions[model.versions.length - 1]
  const codeLine = (latest.yaml as string).split('\n').findIndex((l) => l.startsWith('code:'))
  const code = `WEB-S${Date.now().toString(36).toUpperCase()}`

  await login(page, 'admin.cg', '/schemes')
  await page.getByRole('spinbutton', { name: '年度' }).fill(String(next))
  await page.getByRole('spinbutton', { name: '年度' }).press('Enter')
  await expect(page.getByRole('columnheader', { name: `${next} 年锁定` })).toBeVisible()
  const row = page.getByTestId('scheme-list').getByRole('row').filter({ hasText: model.code })
  await row.getByRole('button', { name: `第 ${latest.version} 版` }).click()
  await caretToLine(page, codeLine)
  await page.keyboard.press('Shift+End')
  await page.keyboard.insertText(`code: ${code}`)
  await expect(page.getByTestId('scheme-diff')).toContainText(`+ code: ${code}`)
  await expect(page.getByTestId('validation-ok')).toBeVisible()

  await choose(page, '适用类别', '机关', true)
  await page.getByRole('textbox', { name: '发布说明' }).fill('浏览器测试发布')
  await page.getByRole('button', { name: '发布并锁定…' }).click()
  const confirm = page.getByRole('dialog', { name: '发布并锁定方案' })
  await expect(confirm).toContainText(`锁定为 ${next} 年「机关」党员的计分方案`)
  await confirm.getByRole('button', { name: '发布并锁定' }).click()
  await expect(page.getByTestId('scheme-message')).toContainText(`已发布 ${code} 第 1 版，并锁定为 ${next} 年机关党员的方案`)
  await expect(page.getByTestId('scheme-list').getByRole('row').filter({ hasText: code })).toContainText('机关 · 第 1 版')
  // the service has it as the page says
  const after = await admin.query(SCHEMES, { y: next })
  expect(after.scoringYear).toContainEqual({ category: 'ORGAN', schemeCode: code, version: 1 })
  expect(after.schemes.find((s: any) => s.code === code).versions).toHaveLength(1)
})
