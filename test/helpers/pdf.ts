import { execFileSync } from 'node:child_process';

/** The text of a PDF as poppler's pdftotext extracts it (reading order, one form feed between pages). */
export function pdfToText(pdf: Uint8Array, { layout = false }: { layout?: boolean } = {}): string {
  return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', '-', '-'], { input: pdf, maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
}

/** The text of each page. */
export function pdfPages(pdf: Uint8Array): string[] {
  return pdfToText(pdf, { layout: true }).split('\f').slice(0, -1);
}
