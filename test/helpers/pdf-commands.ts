/**
 * Test-runner server commands: the browser test hands a signed PDF to Node, where poppler's
 * pdfsig (an independent verifier) checks it and pdf-lib reads its signature widgets.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber } from '@cantoo/pdf-lib';

export interface WidgetInfo {
  page: number;
  rect: number[];
  cropBox: { x: number; y: number; width: number; height: number };
  rotation: number;
}

function withFile<T>(base64: string, use: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'emzano-pdf-'));
  try {
    const path = join(dir, 'signed.pdf');
    writeFileSync(path, Buffer.from(base64, 'base64'));
    return use(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** poppler's pdfinfo report (an independent reader: it fails on what is not a PDF). */
export function pdfinfo(base64: string): string {
  return withFile(base64, (path) => execFileSync('pdfinfo', [path], { encoding: 'utf8' }));
}

export function pdfsig(base64: string): string {
  return withFile(base64, (path) => execFileSync('pdfsig', [path], { encoding: 'utf8' }));
}

/**
 * pdfsig's report with an NSS database (certutil, from libnss3-tools) that trusts `roots` alone
 * (DER each; none for an empty store): "Certificate is Trusted" then comes from the chain to them.
 */
export function pdfsigTrusting(pdf: Uint8Array, roots: Uint8Array[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'emzano-nss-'));
  try {
    execFileSync('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
    roots.forEach((root, index) => {
      const file = join(dir, `root-${index}.cer`);
      writeFileSync(file, root);
      execFileSync('certutil', ['-A', '-d', `sql:${dir}`, '-n', `Trusted root ${index}`, '-t', 'CT,C,C', '-i', file]);
    });
    const signed = join(dir, 'signed.pdf');
    writeFileSync(signed, pdf);
    return execFileSync('pdfsig', ['-nssdir', `sql:${dir}`, signed], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function signatureWidgets(base64: string): Promise<WidgetInfo[]> {
  const doc = await PDFDocument.load(Buffer.from(base64, 'base64'));
  const widgets: WidgetInfo[] = [];
  doc.getPages().forEach((page, index) => {
    const annotations = page.node.Annots();
    if (!(annotations instanceof PDFArray)) return;
    for (let i = 0; i < annotations.size(); i++) {
      const annotation = doc.context.lookup(annotations.get(i), PDFDict);
      if (annotation.get(PDFName.of('FT'))?.toString() !== '/Sig') continue;
      const rect = (annotation.lookup(PDFName.of('Rect'), PDFArray).asArray() as PDFNumber[]).map((value) => value.asNumber());
      widgets.push({ page: index + 1, rect, cropBox: page.getCropBox(), rotation: page.getRotation().angle });
    }
  });
  return widgets;
}

/** The plugin for web-test-runner's config. */
export function pdfCommandsPlugin() {
  return {
    name: 'emzano-pdf-commands',
    async executeCommand({ command, payload }: { command: string; payload?: unknown }) {
      const pdf = (payload as { pdf?: string } | undefined)?.pdf ?? '';
      if (command === 'pdfsig') return pdfsig(pdf);
      if (command === 'pdfsig-trusting') {
        const { roots = [] } = payload as { roots?: string[] };
        return pdfsigTrusting(
          Buffer.from(pdf, 'base64'),
          roots.map((root) => Buffer.from(root, 'base64')),
        );
      }
      if (command === 'signature-widgets') return signatureWidgets(pdf);
      if (command === 'pdfinfo') return pdfinfo(pdf);
      return undefined;
    },
  };
}
