import type { CodegenConfig } from '@graphql-codegen/cli'

// Operation types come from the service's own schema, so a schema change breaks the web build.
const config: CodegenConfig = {
  schema: '../schema.graphqls',
  documents: 'src/graphql/**/*.graphql',
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        scalars: { Date: 'string', DateTime: 'string', Decimal: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
}
export default config
