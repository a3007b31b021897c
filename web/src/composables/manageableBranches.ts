import { computed } from 'vue'
import { useQuery } from '@urql/vue'
import { TownshipBranchesDocument } from '@/generated/graphql'
import { useSession } from '@/stores/session'

/**
 * The branches the caller runs: every branch of the township for its admin, their own branch for a secretary. The
 * service checks the same rule on every write (`requireManages`); this only keeps the choice to what will be allowed.
 */
export function useManageableBranches() {
  const session = useSession()
  const township = computed(() => session.isAdmin)
  // one page of the service's largest size (Page.MAX): a choice among the township's branches, not a list to page through
  const all = useQuery({ query: TownshipBranchesDocument, variables: { after: null, first: 500 }, pause: computed(() => !township.value) })
  const branches = computed(() => township.value
    ? all.data.value?.organizations.edges.map((e) => e.node) ?? []
    : session.me?.managedBranch ? [session.me.managedBranch] : [])
  return { township, branches, error: all.error }
}
