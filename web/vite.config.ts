import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { fileURLToPath, URL } from 'node:url'

export default defineConfig({
  plugins: [vue()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    // bench/run web reads it to sum each page's initial JavaScript
    manifest: true,
    rollupOptions: { input: { main: 'index.html', graphiql: 'graphiql.html' } },
  },
  server: {
    proxy: {
      '/graphql': `http://127.0.0.1:${process.env.APP_PORT ?? 8080}`,
      '/console-config.json': `http://127.0.0.1:${process.env.APP_PORT ?? 8080}`,
    },
  },
})
