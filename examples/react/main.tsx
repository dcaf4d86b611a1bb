// emzano-elements from React, through the @lit/react wrappers in `emzano-elements/react`.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { EmzanoKyc, EmzanoSignaturePad, type EmzanoStepEvent } from 'emzano-elements/react';

function App() {
  const [lang, setLang] = useState<'fa' | 'en'>('en');
  const [step, setStep] = useState('enrol');
  const [strokes, setStrokes] = useState(0);
  return (
    <main>
      <button type="button" onClick={() => setLang(lang === 'en' ? 'fa' : 'en')}>
        {lang === 'en' ? 'فارسی' : 'English'}
      </button>
      <EmzanoKyc
        tokenEndpoint="/api/emzano/token"
        lang={lang}
        signature="optional"
        maxDuration={20}
        onStep={(event: EmzanoStepEvent) => setStep(event.detail.step)}
        onComplete={(event) => console.log('verified', event.detail.userId)}
      />
      <p>
        Step: <output id="step">{step}</output>
      </p>
      {/* The event prop is typed: `event.detail.strokes` is a number. */}
      <EmzanoSignaturePad name="signature" lang={lang} onSignatureChange={(event) => setStrokes(event.detail.strokes)} />
      <p>
        Strokes: <output id="strokes">{strokes}</output>
      </p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
