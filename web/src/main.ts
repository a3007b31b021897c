import { createApp } from 'vue'
import { createPinia } from 'pinia'
import urql from '@urql/vue'
import 'element-plus/dist/index.css'
import App from './App.vue'
import { router } from './router'
import { client } from './client'
import './style.css'

createApp(App).use(createPinia()).use(router).use(urql, client).mount('#app')
