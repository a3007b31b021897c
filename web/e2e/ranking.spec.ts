import { test, expect } from '@playwright/test'
import { login, Api, expectAccessible, screenshot } from './support'
import { thisYear } from './fixtures'

const RANKING = `query($i: RankingInput!) { ranking(input: $i) { entries { rank memberName score } me { rank score } } }`

test('a member switches period and scope: the list the township allows, their own position always, and why a list is hidden', async ({ page }) => {
  const api = await Api.as('mem.qs')
  const { me } = await api.query(`{ me { township { rankingVisibility } member { branch { id } } } }`)
  const branchYear = (await api.query(RANKING, { i: { period: 'YEAR', year: thisYear(), scope: 'BRANCH', scopeId: me.member.branch.id, first: 50 } })).ranking
  const townshipYear = (await api.query(RANKING, { i: { period: 'YEAR', year: thisYear(), scope: 'TOWNSHIP', first: 50 } })).ranking

  await page.setViewportSize({ width: 375, height: 740 })
  await login(page, 'mem.qs', '/rankings')
  await page.getByRole('radio', { name: '年度' }).check({ force: true })
  await expect(page.getByTestId('ranking-entry')).toHaveCount(branchYear.entries.length)
  await expect(page.getByTestId('my-rank')).toHaveText(`我的名次：第 ${branchYear.me.rank} 名，${branchYear.me.score} 分`)
  if (branchYear.entries.length) await expect(page.getByTestId('ranking-entry').first()).toContainText(branchYear.entries[0].memberName)
  await expectAccessible(page)
  await screenshot(page, 'ranking-phone')

  await page.getByRole('radio', { name: '全镇' }).check({ force: true })
  await expect(page.getByTestId('ranking-entry')).toHaveCount(townshipYear.entries.length)
  await expect(page.getByTestId('my-rank')).toHaveText(`我的名次：第 ${townshipYear.me.rank} 名，${townshipYear.me.score} 分`)
  await expect(page.getByTestId('hidden-reason')).toHaveCount(townshipYear.entries.length ? 0 : 1)
  if (!townshipYear.entries.length) await expect(page.getByTestId('hidden-reason')).toContainText(me.township.rankingVisibility === 'BRANCH' ? '仅在本支部内公开' : '仅本人可见名次')
})
