import { expect, fixture, html } from '@open-wc/testing';
import '../../src/emzano-signature-pad.js';
import { EmzanoSignaturePad } from '../../src/components/signature-pad/emzano-signature-pad.js';
import { defineElement } from '../../src/internal/define.js';
import type { EmzanoSignatureChangeEvent } from '../../src/events/signature-events.js';
import { buttonNamed, drawStroke, nextEvent } from '../helpers/dom.js';

const canvasOf = (pad: EmzanoSignaturePad) => pad.shadowRoot!.querySelector('canvas')!;
const ZIGZAG: Array<[number, number]> = [
  [30, 40],
  [70, 90],
  [110, 45],
  [150, 95],
  [190, 50],
];

describe('<emzano-signature-pad>', () => {
  it('takes part in a form: required validation, a PNG file on submit, reset clears', async () => {
    const form = await fixture<HTMLFormElement>(html`
      <form><emzano-signature-pad name="signature" required lang="en"></emzano-signature-pad></form>
    `);
    const pad = form.querySelector('emzano-signature-pad')!;
    await pad.updateComplete;
    expect(form.checkValidity()).to.equal(false);
    expect(pad.validity.valueMissing).to.equal(true);
    expect(pad.validationMessage).to.equal('Please sign.');

    const changed = nextEvent<EmzanoSignatureChangeEvent>(pad, 'emzano-signature-change');
    await drawStroke(canvasOf(pad), ZIGZAG);
    expect((await changed).detail).to.deep.equal({ empty: false, strokes: 1 });
    await pad.updateComplete;
    expect(form.checkValidity()).to.equal(true);
    const file = new FormData(form).get('signature') as File;
    expect(file).to.be.instanceOf(File);
    expect(file.type).to.equal('image/png');
    expect(new Uint8Array(await file.slice(0, 4).arrayBuffer())).to.deep.equal(new Uint8Array([137, 80, 78, 71]));

    form.reset();
    await pad.updateComplete;
    expect(pad.isEmpty()).to.equal(true);
    expect(new FormData(form).get('signature')).to.equal(null);
  });

  it('takes a typed name instead of a drawing, and keeps the drawing for switching back', async () => {
    const form = await fixture<HTMLFormElement>(html`
      <form><emzano-signature-pad name="signature" required lang="en" style="width: 400px"></emzano-signature-pad></form>
    `);
    const pad = form.querySelector('emzano-signature-pad')!;
    await drawStroke(canvasOf(pad), ZIGZAG);
    buttonNamed(pad.shadowRoot!, 'Type my name instead').click();
    await pad.updateComplete;
    expect(pad.mode).to.equal('type');
    expect(pad.isEmpty(), 'nothing typed yet').to.equal(true);
    expect(form.checkValidity()).to.equal(false);

    const input = pad.shadowRoot!.querySelector<HTMLInputElement>('[part="typed-input"]')!;
    expect(pad.shadowRoot!.activeElement).to.equal(input);
    const changed = nextEvent<EmzanoSignatureChangeEvent>(pad, 'emzano-signature-change');
    input.value = 'Sara Ahmadi';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    expect((await changed).detail.empty).to.equal(false);
    await pad.updateComplete;
    expect(form.checkValidity()).to.equal(true);
    const bitmap = await createImageBitmap((await pad.toBlob())!);
    expect(bitmap.width, 'wider than tall, like a written name').to.be.greaterThan(bitmap.height);
    expect((new FormData(form).get('signature') as File).type).to.equal('image/png');

    buttonNamed(pad.shadowRoot!, 'Draw instead').click();
    await pad.updateComplete;
    expect(pad.strokes, 'the drawing is still there').to.have.length(1);
  });

  it('exports a trimmed PNG at high density and an SVG', async () => {
    const pad = await fixture<EmzanoSignaturePad>(html`<emzano-signature-pad style="width: 400px"></emzano-signature-pad>`);
    expect(await pad.toBlob()).to.equal(null);
    await drawStroke(canvasOf(pad), ZIGZAG);
    const bitmap = await createImageBitmap((await pad.toBlob())!);
    // The ink spans 160 × 55 CSS px; trimmed with an 8 px margin, drawn at least 2×.
    expect(bitmap.width).to.be.within((160 + 16) * 2 - 2, (160 + 16 + 6) * 2 + 2);
    expect(bitmap.height).to.be.within((55 + 16) * 2 - 2, (55 + 16 + 6) * 2 + 2);
    expect(pad.value).to.match(/^data:image\/png;base64,/);
    expect(pad.toSVG()).to.match(/^<svg[\s\S]*<\/svg>$/);
  });

  it('undoes the last stroke and clears, from its own buttons', async () => {
    const pad = await fixture<EmzanoSignaturePad>(html`<emzano-signature-pad lang="en"></emzano-signature-pad>`);
    await drawStroke(canvasOf(pad), ZIGZAG);
    await drawStroke(canvasOf(pad), [
      [20, 120],
      [200, 130],
    ]);
    expect(pad.strokes).to.have.length(2);
    await pad.updateComplete;
    buttonNamed(pad.shadowRoot!, 'Undo').click();
    expect(pad.strokes).to.have.length(1);
    buttonNamed(pad.shadowRoot!, 'Clear').click();
    expect(pad.isEmpty()).to.equal(true);
  });

  it('keeps the drawing, as vectors, through a resize', async () => {
    const pad = await fixture<EmzanoSignaturePad>(html`<emzano-signature-pad style="width: 400px"></emzano-signature-pad>`);
    await drawStroke(canvasOf(pad), ZIGZAG);
    const before = pad.strokes[0]!.points.map((point) => point.x);
    pad.style.width = '200px';
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    expect(canvasOf(pad).width).to.equal(Math.round(canvasOf(pad).clientWidth * Math.max(devicePixelRatio, 1)));
    const after = pad.strokes[0]!.points.map((point) => point.x);
    expect(after).to.have.length(before.length);
    expect(Math.max(...after)).to.be.at.most(200);
    expect(after[0]).to.be.closeTo(before[0]! / 2, 1);
  });

  it('does not let the page scroll while drawing on a touch screen', async () => {
    const pad = await fixture<EmzanoSignaturePad>(html`<emzano-signature-pad></emzano-signature-pad>`);
    expect(getComputedStyle(canvasOf(pad)).touchAction).to.equal('none');
  });

  it('has accessible names in both languages', async () => {
    const pad = await fixture<EmzanoSignaturePad>(html`<emzano-signature-pad lang="fa"></emzano-signature-pad>`);
    expect(canvasOf(pad).getAttribute('aria-label')).to.equal('کادر امضا');
    await expect(pad).shadowDom.to.be.accessible();
    pad.lang = 'en';
    await pad.updateComplete;
    expect(canvasOf(pad).getAttribute('aria-label')).to.equal('Signature area');
  });

  it('survives being registered twice, even by another copy of the class', () => {
    const registered = customElements.get('emzano-signature-pad');
    defineElement('emzano-signature-pad', EmzanoSignaturePad);
    defineElement('emzano-signature-pad', class extends EmzanoSignaturePad {});
    expect(customElements.get('emzano-signature-pad')).to.equal(registered);
  });
});
