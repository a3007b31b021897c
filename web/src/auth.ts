import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts'

// The service tells the console where its Keycloak realm is, so one build serves any deployment.
interface ConsoleConfig { authority: string; clientId: string }

let manager: Promise<UserManager> | undefined
let current: User | null = null

function userManager(): Promise<UserManager> {
  // kept for the tab's session: a reload need not ask the service again before it can read the signed-in user
  const cached = sessionStorage.getItem('jifen.console-config')
  manager ??= (cached ? Promise.resolve(JSON.parse(cached) as ConsoleConfig) : fetch('/console-config.json')
    .then((r) => {
      if (!r.ok) throw new Error('无法读取控制台配置 (console-config.json)')
      return r.json() as Promise<ConsoleConfig>
    })
    .then((c) => {
      sessionStorage.setItem('jifen.console-config', JSON.stringify(c))
      return c
    }))
    .then((c) => {
      const m = new UserManager({
        authority: c.authority,
        client_id: c.clientId,
        redirect_uri: `${location.origin}/callback`,
        post_logout_redirect_uri: `${location.origin}/`,
        response_type: 'code',
        scope: 'openid',
        automaticSilentRenew: true,
        userStore: new WebStorageStateStore({ store: window.sessionStorage }),
      })
      m.events.addUserLoaded((u) => { current = u })
      m.events.addUserUnloaded(() => { current = null })
      return m
    })
  return manager
}

/** The signed-in user, renewed with the refresh token when the access token has expired; null when signed out. */
export async function signedInUser(): Promise<User | null> {
  const m = await userManager()
  let u = await m.getUser()
  if (u?.expired) {
    u = await m.signinSilent().catch(() => null)
  }
  current = u && !u.expired ? u : null
  return current
}

/** The signed-in user's subject, to tell whose cached data is whose. */
export function subject(): string | undefined {
  return current?.profile.sub
}

export function accessToken(): string | undefined {
  return current?.access_token
}

export async function login(returnTo: string): Promise<void> {
  await (await userManager()).signinRedirect({ state: { returnTo } })
}

/** Completes the code flow (PKCE) and returns the page the user asked for before signing in. */
export async function completeLogin(): Promise<string> {
  const u = await (await userManager()).signinRedirectCallback()
  current = u
  const state = u.state as { returnTo?: string } | undefined
  return state?.returnTo ?? '/'
}

export async function logout(): Promise<void> {
  const m = await userManager()
  current = null
  await m.signoutRedirect()
}
