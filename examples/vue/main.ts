// emzano-elements from Vue 3. With single-file components, put the same isCustomElement test in
// @vitejs/plugin-vue's `template.compilerOptions`; this example compiles the in-page template.
import { createApp, ref } from 'vue';
import 'emzano-elements/kyc';
import 'emzano-elements/signature-pad';
import type { EmzanoSignatureChangeEvent } from 'emzano-elements';

const app = createApp({
  setup() {
    const lang = ref<'fa' | 'en'>('en');
    const step = ref('enrol');
    const strokes = ref(0);
    const onSignatureChange = (event: EmzanoSignatureChangeEvent) => (strokes.value = event.detail.strokes);
    return { lang, step, strokes, onSignatureChange };
  },
});
app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('emzano-');
app.mount('#app');
