import { expect, type Page, type APIRequestContext, request } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'

export const PASSWORD = 'Demo#2026'
const baseURL = () => process.env.WEB_BASE_URL ?? `http://127.0.0.1:${process.env.APP_PORT ?? 8080}`

/** Signs in through Keycloak's own login page, as a person would, starting from a console path. */
export async function login(page: Page, username: string, path = '/') {
  await page.goto(path)
  await page.locator('#username').fill(username)
  await page.locator('#password').fill(PASSWORD)
  await page.locator('#kc-login').click()
  await page.waitForURL((u) => u.origin === new URL(baseURL()).origin && !u.pathname.startsWith('/callback'))
}

/** The API as the given demo user: expected figures are read from the service, never copied from a fixture. */
export class Api {
  private constructor(private readonly ctx: APIRequestContext, private readonly token: string) {}

  static async as(username: string): Promise<Api> {
    const ctx = await request.newContext({ baseURL: baseURL() })
    const config = await (await ctx.get('/console-config.json')).json()
    const tokenResponse = await ctx.post(`${config.authority}/protocol/openid-connect/token`, {
      form: { grant_type: 'password', client_id: config.clientId, username, password: PASSWORD },
    })
    expect(tokenResponse.ok()).toBeTruthy()
    return new Api(ctx, (await tokenResponse.json()).access_token)
  }

  static async anonymous(): Promise<Api> {
    return new Api(await request.newContext({ baseURL: baseURL() }), '')
  }

  async query<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const r = await this.ctx.post('/graphql', {
      data: { query, variables },
      headers: this.token ? { Authorization: `Bearer ${this.token}` } : {},
    })
    const body = await r.json()
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors))
    return body.data as T
  }

  async raw(query: string, variables: Record<string, unknown> = {}): Promise<any> {
    const r = await this.ctx.post('/graphql', {
      data: { query, variables },
      headers: this.token ? { Authorization: `Bearer ${this.token}` } : {},
    })
    return r.json()
  }
}

/**
 * Picks an option of an Element Plus select and waits until the select shows it. The dropdown scrolls to the option
 * chosen before while it opens, so a click can land on its neighbour on a fast machine; the pick is retried until
 * the select reads the option asked for (a pick that never takes still fails, with the select's text in the message).
 */
export async function choose(page: Page, combobox: string, option: string | RegExp, exact = false) {
  const box = page.getByRole('combobox', { name: combobox })
  const select = page.locator('.el-select').filter({ has: box })
  const item = page.getByRole('option', { name: option, exact })
  await expect(async () => {
    // Element Plus opens the select from its wrapper, which lies over the input
    if (!(await item.isVisible())) await box.click({ force: true })
    await item.click({ timeout: 3_000 })
    await expect(select).toContainText(option, { timeout: 2_000 })
  }).toPass({ timeout: 20_000 })
}

/** No serious or critical accessibility violation on what the page shows now. */
export async function expectAccessible(page: Page) {
  // what the user reads is the settled page: Element Plus fades tags and dialogs in, and axe measures the contrast
  // of a half-transparent tag as failing (seen on a fast machine). Endless animations (spinners) are not waited for.
  await page.waitForFunction(() => document.getAnimations().every((a) =>
    a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity), undefined, { timeout: 5_000 })
  const results = await new AxeBuilder({ page }).analyze()
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([])
}

/** A PNG for the README, written when the test passes. */
export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `../docs/screenshots/${name}.png`, fullPage: true })
}

const BALLOT_FORM = `query($c: String!) { ballotForm(code: $c) { form subjects { id } items { code max } options { code } max } }`

/** One vote of a printed code, whatever the branch's scheme asks for. */
export async function cast(anonymous: Api, code: string) {
  const f = (await anonymous.query(BALLOT_FORM, { c: code })).ballotForm
  const ratings = f.subjects.flatMap((s: any) => {
    if (f.form === 'ITEM_SCORES') return f.items.map((it: any) => ({ subjectId: s.id, item: it.code, score: it.max }))
    if (f.form === 'GRADE_VOTES') return [{ subjectId: s.id, option: f.options[0].code }]
    return [{ subjectId: s.id, score: f.max }]
  })
  await anonymous.query(`mutation($i: CastVoteInput!) { castVote(input: $i) { accepted } }`, { i: { code, ratings } })
}
