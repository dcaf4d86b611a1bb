/**
 * Prepares a PDF for a PAdES signature, as Emzano's dss/digest does: a signature field whose
 * widget sits at `SignField` and shows the signer's handwritten signature upright as the person
 * saw the page, and a signature dictionary with room for the CMS. Then embeds the CMS (put-sign).
 */
import { createHash } from 'node:crypto';
import {
  PDFArray,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFString,
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
} from '@cantoo/pdf-lib';
import type { PdfField } from '../../../src/core/pdf-geometry.js';

/** The field as the element sends it: PDF points from the crop box's lower-left, unrotated. */
export type SignField = PdfField;

export interface PreparedPdf {
  bytes: Uint8Array<ArrayBuffer>;
  byteRange: [number, number, number, number];
}

/** A PDF the emulator refuses, with the Emzano code to answer. */
export class PdfRejected extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Room for the CMS: 16 KiB of DER, far more than an RSA-2048 signature with two certificates. */
const CONTENTS_BYTES = 16384;
const BYTE_RANGE_PLACEHOLDER = '**********';

/** The widget rectangle in default user space (crop-box origin added, scaled to the real page). */
export function widgetRect(
  field: SignField,
  cropBox: { x: number; y: number; width: number; height: number },
): [number, number, number, number] {
  const scaleX = field.pageWidth > 0 ? cropBox.width / field.pageWidth : 1;
  const scaleY = field.pageHeight > 0 ? cropBox.height / field.pageHeight : 1;
  const x0 = cropBox.x + field.x * scaleX;
  const y0 = cropBox.y + field.y * scaleY;
  return [x0, y0, x0 + field.width * scaleX, y0 + field.height * scaleY];
}

/**
 * The appearance's form matrix: a page shown turned clockwise by `rotation` needs its widget
 * drawn turned the other way, so the signature reads upright on screen.
 */
export function counterRotation(rotation: number): [number, number, number, number, number, number] {
  switch (((rotation % 360) + 360) % 360) {
    case 90:
      return [0, 1, -1, 0, 0, 0];
    case 180:
      return [-1, 0, 0, -1, 0, 0];
    case 270:
      return [0, -1, 1, 0, 0, 0];
    default:
      return [1, 0, 0, 1, 0, 0];
  }
}

export async function preparePdf(
  input: Uint8Array,
  field: SignField,
  signatureImage: Uint8Array,
  signingTime: Date,
  signerName: string,
): Promise<PreparedPdf> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(input, { updateMetadata: false, throwOnInvalidObject: true });
  } catch (error) {
    throw new PdfRejected(3019, `The PDF could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (doc.isEncrypted) throw new PdfRejected(3019, 'The PDF is encrypted.');
  const pageCount = doc.getPageCount();
  if (!Number.isInteger(field.page) || field.page < 1 || field.page > pageCount) {
    throw new PdfRejected(3027, `SignField.Page must be between 1 and ${pageCount}.`);
  }
  if (!(field.width > 0 && field.height > 0)) throw new PdfRejected(3027, 'SignField.Width and SignField.Height must be positive.');

  const page = doc.getPage(field.page - 1);
  const rect = widgetRect(field, page.getCropBox());
  const rotation = page.getRotation().angle;
  const quarterTurn = rotation % 180 !== 0;
  const rectWidth = rect[2] - rect[0];
  const rectHeight = rect[3] - rect[1];
  // The box as the person sees it on the turned page.
  const seenWidth = quarterTurn ? rectHeight : rectWidth;
  const seenHeight = quarterTurn ? rectWidth : rectHeight;

  const image = await doc.embedPng(signatureImage);
  const scale = Math.min(seenWidth / image.width, seenHeight / image.height) * 0.92;
  const drawnWidth = image.width * scale;
  const drawnHeight = image.height * scale;
  const context = doc.context;
  const appearance = context.formXObject(
    [
      pushGraphicsState(),
      concatTransformationMatrix(drawnWidth, 0, 0, drawnHeight, (seenWidth - drawnWidth) / 2, (seenHeight - drawnHeight) / 2),
      drawObject('Sig'),
      popGraphicsState(),
    ],
    { BBox: [0, 0, seenWidth, seenHeight], Matrix: counterRotation(rotation), Resources: { XObject: { Sig: image.ref } } },
  );
  const appearanceRef = context.register(appearance);

  const byteRange = PDFArray.withContext(context);
  byteRange.push(PDFNumber.of(0));
  for (let i = 0; i < 3; i++) byteRange.push(PDFName.of(BYTE_RANGE_PLACEHOLDER));
  const signatureRef = context.register(
    context.obj({
      Type: 'Sig',
      Filter: 'Adobe.PPKLite',
      SubFilter: 'ETSI.CAdES.detached',
      ByteRange: byteRange,
      Contents: PDFHexString.of('0'.repeat(CONTENTS_BYTES * 2)),
      M: PDFString.fromDate(signingTime),
      Name: PDFHexString.fromText(signerName),
    }),
  );

  const acroForm = doc.catalog.getOrCreateAcroForm();
  const fieldName = `Signature${acroForm.getAllFields().length + 1}`;
  const widgetRef = context.register(
    context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      T: PDFString.of(fieldName),
      Rect: rect,
      F: 4, // Print
      P: page.ref,
      V: signatureRef,
      AP: { N: appearanceRef },
    }),
  );
  page.node.addAnnot(widgetRef);
  acroForm.addField(widgetRef);
  acroForm.dict.set(PDFName.of('SigFlags'), PDFNumber.of(3));

  const bytes = await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
  return fillByteRange(new Uint8Array(bytes));
}

/** Finds the /Contents hole and writes the real /ByteRange over its placeholder, same length. */
function fillByteRange(bytes: Uint8Array<ArrayBuffer>): PreparedPdf {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const hole = `<${'0'.repeat(CONTENTS_BYTES * 2)}>`;
  const start = text.indexOf(hole);
  if (start < 0 || text.indexOf(hole, start + 1) >= 0) throw new Error('prepared PDF: the /Contents placeholder is not unique');
  const end = start + hole.length;
  const byteRange: [number, number, number, number] = [0, start, end, bytes.length - end];
  const placeholder = /\/ByteRange\s*\[\s*0\s+\/\*{10}\s+\/\*{10}\s+\/\*{10}\s*\]/.exec(text);
  if (!placeholder) throw new Error('prepared PDF: no /ByteRange placeholder');
  const filled = `/ByteRange [0 ${byteRange[1]} ${byteRange[2]} ${byteRange[3]}]`.padEnd(placeholder[0].length, ' ');
  bytes.set(Buffer.from(filled, 'latin1'), placeholder.index);
  return { bytes, byteRange };
}

/** SHA-256 over the two signed ranges: everything but the /Contents hole. */
export function documentDigest(prepared: PreparedPdf): Uint8Array {
  const [, firstLength, secondStart, secondLength] = prepared.byteRange;
  return createHash('sha256')
    .update(prepared.bytes.subarray(0, firstLength))
    .update(prepared.bytes.subarray(secondStart, secondStart + secondLength))
    .digest();
}

/** Writes the CMS, hex-encoded, into the /Contents hole. */
export function embedSignature(prepared: PreparedPdf, cms: Uint8Array): Uint8Array<ArrayBuffer> {
  if (cms.length > CONTENTS_BYTES) throw new Error('the CMS does not fit the reserved space');
  const signed = prepared.bytes.slice();
  const hex = Buffer.from(cms)
    .toString('hex')
    .padEnd(CONTENTS_BYTES * 2, '0');
  signed.set(Buffer.from(hex, 'latin1'), prepared.byteRange[1] + 1);
  return signed;
}
