/**
 * What the PDF viewer needs once there is a document, loaded with the first one (beside pdf.js):
 * the loader, the page renderer, the page geometry and field editing.
 */
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';
import { normalizeRotation, type PageGeometry } from '../../core/pdf-geometry.js';

export { FieldEditor, fieldStyles } from './field-editor.js';
export { PageRenderer } from './page-renderer.js';
export { openPdf } from './pdf-loader.js';

/** Every page's crop box and rotation (pdf.js resolves inheritance from `/Pages`). */
export async function pageGeometries(document: PDFDocumentProxy): Promise<PageGeometry[]> {
  const pages = await Promise.all(Array.from({ length: document.numPages }, (_, index) => document.getPage(index + 1)));
  return pages.map(geometryOf);
}

/** The first page's, to lay out the pages before the others are asked for. */
export async function firstPageGeometry(document: PDFDocumentProxy): Promise<PageGeometry> {
  return geometryOf(await document.getPage(1));
}

function geometryOf(page: PDFPageProxy): PageGeometry {
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
  return { width: x1 - x0, height: y1 - y0, rotation: normalizeRotation(page.rotate) };
}
