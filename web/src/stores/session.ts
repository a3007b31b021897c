import { defineStore } from 'pinia'
import { ref, computed } from 'vue'
import { client } from '@/client'
import { MeDocument, type MeQuery } from '@/generated/graphql'
import { signedInUser, logout as oidcLogout } from '@/auth'

export type Me = MeQuery['me']

/** Who is signed in, shared by the layout, the home redirect and every page. */
export const useSession = defineStore('session', () => {
  const me = ref<Me | null>(null)
  const error = ref('')

  async function load(): Promise<Me | null> {
    if (me.value) return me.value
    const user = await signedInUser()
    if (!user) return null
    // A reload shows the page at once from who the caller was in this tab, and refreshes it behind.
    const key = `jifen.me.${user.profile.sub}`
    const cached = sessionStorage.getItem(key)
    const fresh = client.query(MeDocument, {}, { requestPolicy: 'network-only' }).toPromise().then((r) => {
      if (r.error) {
        error.value = r.error.graphQLErrors[0]?.message ?? r.error.message
        return null
      }
      me.value = r.data?.me ?? null
      sessionStorage.setItem(key, JSON.stringify(me.value))
      return me.value
    })
    if (cached) {
      me.value = JSON.parse(cached) as Me
      return me.value
    }
    return fresh
  }

  const isMember = computed(() => !!me.value?.member)
  const isSecretary = computed(() => me.value?.roles.includes('BRANCH_SECRETARY') ?? false)
  const isAdmin = computed(() => me.value?.roles.includes('TENANT_ADMIN') ?? false)
  // weba: county reviewer and platform operator
  const isReviewer = computed(() => me.value?.roles.includes('COUNTY_REVIEWER') ?? false)
  const isOperator = computed(() => me.value?.roles.includes('PLATFORM_ADMIN') ?? false)
  // end weba
  const homePath = computed(() => {
    if (isOperator.value) return '/operator'
    if (isReviewer.value) return '/county'
    if (isAdmin.value) return '/township'
    if (isSecretary.value) return '/sheet'
    if (isMember.value) return '/card'
    return '/nothing'
  })

  async function logout() {
    me.value = null
    Object.keys(sessionStorage).filter((k) => k.startsWith('jifen.me.')).forEach((k) => sessionStorage.removeItem(k))
    await oidcLogout()
  }

  return { me, error, load, isMember, isSecretary, isAdmin, isReviewer, isOperator, homePath, logout }
})
