import { test, expect } from '@playwright/test'
import { Api, expectAccessible, screenshot } from './support'
import { thisYear } from './fixtures'

const BOARD = `query($t: String!, $b: String, $y: Int!, $m: Int!) { publicBoard(township: $t, branch: $b, year: $y, month: $m) {
  townshipName branches { code name } branch { name } publishedMonths sheet { rows { memberName total } }
  results { state startsOn endsOn rows { memberName gradeName stars } } } }`

test('anyone opens the 公示栏 of a township that shows it publicly, by its link, without an account', async ({ page }) => {
  const anonymous = await Api.anonymous()
  // 经济开发区 (KF) of the demo county shows rankings publicly
  const township = (await anonymous.query(BOARD, { t: 'KF', b: null, y: thisYear(), m: 1 })).publicBoard
  const branch = township.branches[0]
  const months = (await anonymous.query(BOARD, { t: 'KF', b: branch.code, y: thisYear(), m: 1 })).publicBoard.publishedMonths
  expect(months.length).toBeGreaterThan(0)
  const latest = months[months.length - 1]
  const board = (await anonymous.query(BOARD, { t: 'KF', b: branch.code, y: thisYear(), m: latest })).publicBoard
  expect(board.sheet.rows.length).toBeGreaterThan(0)

  await page.goto(`/public/KF/${branch.code}`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${township.townshipName} · 公示栏 · ${branch.name}`)
  await expect(page.getByRole('heading', { level: 2, name: `${thisYear()} 年 ${latest} 月积分公示` })).toBeVisible()
  await expect(page.getByTestId('board-row')).toHaveCount(board.sheet.rows.length)
  for (const row of board.sheet.rows.slice(0, 5)) {
    await expect(page.getByTestId('board-row').filter({ hasText: row.memberName }).first().locator('.total')).toHaveText(row.total)
  }
  await expect(page.getByRole('button', { name: '退出登录' })).toHaveCount(0)
  await expectAccessible(page)

  // last year's results as published: window, grades and stars
  const last = (await anonymous.query(BOARD, { t: 'KF', b: branch.code, y: thisYear() - 1, m: 12 })).publicBoard
  await page.goto(`/public/KF/${branch.code}?year=${thisYear() - 1}&month=12`)
  await expect(page.getByTestId('results-window')).toContainText(`公示期 ${last.results.startsOn} 至 ${last.results.endsOn}`)
  await expect(page.getByTestId('result-row')).toHaveCount(last.results.rows.length)
  const first = last.results.rows[0]
  await expect(page.getByTestId('result-row').filter({ hasText: first.memberName }).first().getByTestId('grade')).toHaveText(first.gradeName)
  await expect(page.getByTestId('board-row')).toHaveCount(last.sheet.rows.length)
  await expectAccessible(page)
  await screenshot(page, 'public-board-desktop')

  // print-friendly: the toolbar is not printed
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByRole('button', { name: '打印' })).toBeHidden()
  await page.emulateMedia({ media: 'screen' })

  // at phone width the board stays readable: the table scrolls inside the page, the page does not
  await page.setViewportSize({ width: 375, height: 740 })
  await expect(page.getByTestId('result-row').first()).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
})

test('a township that keeps its board to its members answers the link with a Chinese explanation, no figures', async ({ page }) => {
  const refused = await (await Api.anonymous()).raw(BOARD, { t: 'CG', b: 'CG-Z1-01', y: thisYear(), m: 1 })
  expect(refused.errors[0].extensions.code).toBe('BOARD_NOT_PUBLIC')
  await page.goto('/public/CG/CG-Z1-01')
  await expect(page.getByTestId('board-error')).toContainText(refused.errors[0].message)
  await expect(page.getByTestId('board-row')).toHaveCount(0)
  await expectAccessible(page)
})
