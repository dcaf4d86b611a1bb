// emzano-elements from Angular (standalone component, zoneless). An Angular CLI app compiles
// templates ahead of time; this example loads the compiler to stay a plain Vite build.
import '@angular/compiler';
import { Component, CUSTOM_ELEMENTS_SCHEMA, provideZonelessChangeDetection, signal } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import 'emzano-elements/kyc';
import 'emzano-elements/signature-pad';
import type { EmzanoSignatureChangeEvent, EmzanoStepEvent } from 'emzano-elements';

class AppComponent {
  readonly lang = signal<'fa' | 'en'>('en');
  readonly step = signal('enrol');
  readonly strokes = signal(0);

  toggleLanguage() {
    this.lang.update((lang) => (lang === 'en' ? 'fa' : 'en'));
  }
  onStep(event: Event) {
    this.step.set((event as EmzanoStepEvent).detail.step);
  }
  onSignatureChange(event: Event) {
    this.strokes.set((event as EmzanoSignatureChangeEvent).detail.strokes);
  }
}

// The same as writing @Component({...}) above the class, without a decorator transform.
Component({
  selector: 'app-root',
  // Lets the template use <emzano-*> tags and bind their properties and events.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <button type="button" (click)="toggleLanguage()">{{ lang() === 'en' ? 'فارسی' : 'English' }}</button>
    <emzano-kyc [tokenEndpoint]="'/api/emzano/token'" [lang]="lang()" (emzano-step)="onStep($event)"></emzano-kyc>
    <p>Step: <output id="step">{{ step() }}</output></p>
    <emzano-signature-pad name="signature" [lang]="lang()" (emzano-signature-change)="onSignatureChange($event)"></emzano-signature-pad>
    <p>Strokes: <output id="strokes">{{ strokes() }}</output></p>
  `,
})(AppComponent);

bootstrapApplication(AppComponent, { providers: [provideZonelessChangeDetection()] }).catch((error: unknown) => console.error(error));
