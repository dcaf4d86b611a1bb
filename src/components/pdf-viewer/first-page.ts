/**
 * A document's first page drawn into a canvas of a given width: a preview (the remote
 * verification's certificate), not a viewer. pdf.js loads with this module, on first use, and
 * draws on the main thread: one page does not earn a second worker.
 */
import { EmzanoError } from '../../core/errors.js';
import { openPdf } from './pdf-loader.js';
import { startPdf } from './pdf-start.js';

export async function drawFirstPage(
  source: Blob,
  cssWidth: number,
  options: { maxSize?: number; label?: string; workerSrc?: string } = {},
): Promise<HTMLCanvasElement> {
  const opened = await openPdf(source, { maxSize: options.maxSize ?? 20 * 1024 * 1024, started: startPdf(options.workerSrc ?? '', 'off') });
  try {
    const page = await opened.document.getPage(1);
    const ratio = Math.max(globalThis.devicePixelRatio || 1, 1);
    const scale = cssWidth / page.getViewport({ scale: 1 }).width;
    const viewport = page.getViewport({ scale: scale * ratio });
    const canvas = document.createElement('canvas');
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    canvas.style.inlineSize = `${Math.floor(viewport.width / ratio)}px`;
    canvas.setAttribute('role', 'img');
    if (options.label) canvas.setAttribute('aria-label', options.label);
    await page.render({ canvas, viewport }).promise;
    return canvas;
  } catch (error) {
    throw error instanceof EmzanoError ? error : new EmzanoError('pdf-damaged', { cause: error });
  } finally {
    await opened.close();
  }
}
