import { test, expect } from '@playwright/test'
import { login, Api, choose, expectAccessible } from './support'
import { thisYear } from './fixtures'

const lastYear = () => thisYear() - 1
const CATEGORY: Record<string, string> = { ORGAN: '机关', HOSPITAL: '医院', VILLAGE: '农村', COMMUNITY: '社区', ENTERPRISE: '企业', SOCIAL_ORGANIZATION: '社会组织' }

test('the township admin starts a draft from a seed template and from the version pinned for the year', async ({ page }) => {
  const admin = await Api.as('admin.cg')
  const { schemeTemplates, schemes, scoringYear } = await admin.query(`query($y: Int!) { schemeTemplates { code name description yaml }
    schemes { code versions { version yaml } } scoringYear(year: $y) { category schemeCode version } }`, { y: lastYear() })
  expect(schemeTemplates).toHaveLength(4)
  // a seed the township has not published: the draft is the template itself, with nothing of the township's to compare
  const fresh = schemeTemplates.find((t: any) => !schemes.some((s: any) => s.code === t.code))
  expect(fresh).toBeTruthy()

  await login(page, 'admin.cg', '/schemes')
  await page.getByRole('combobox', { name: '草案来源' }).click({ force: true })
  await expect(page.getByRole('option', { name: /^模板：/ })).toHaveCount(4)
  await choose(page, '草案来源', `模板：${fresh.name}`)
  await expect(page.getByTestId('template-description')).toHaveText(fresh.description)
  await page.getByRole('button', { name: '开始编辑' }).click()
  await expect(page.getByRole('heading', { name: `编辑草案（基于模板「${fresh.name}」）` })).toBeVisible()
  await expect(page.getByTestId('yaml-editor')).toContainText(`code: ${fresh.code}`)
  await expect(page.getByTestId('validation-ok')).toBeVisible()
  await expect(page.getByTestId('diff-summary')).toHaveCount(0)
  await expectAccessible(page)

  // the version pinned for last year's first category: the draft equals it
  const pin = scoringYear[0]
  await choose(page, '草案来源', `${lastYear()} 年${CATEGORY[pin.category]}锁定：${pin.schemeCode} 第 ${pin.version} 版`)
  await page.getByRole('button', { name: '开始编辑' }).click()
  await expect(page.getByRole('heading', { name: `编辑草案（基于 ${pin.schemeCode} 第 ${pin.version} 版）` })).toBeVisible()
  await expect(page.getByTestId('diff-summary')).toHaveText('草案与该版本相同')
  await expect(page.getByTestId('validation-ok')).toBeVisible()
})
