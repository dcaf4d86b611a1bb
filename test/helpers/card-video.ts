/**
 * A fake camera that films a national card: a Y4M file (one 4:2:0 frame, which Chromium loops)
 * of a light card with rows of dark text-like marks on a dark table, for
 * `--use-file-for-fake-video-capture`. What a person holding their card under the rear camera
 * gives, sharp enough to read.
 */
import { writeFileSync } from 'node:fs';

export function writeCardVideo(path: string, width = 1280, height = 720): void {
  const luma = new Uint8Array(width * height).fill(40); // the table
  const [cardWidth, cardHeight] = [Math.round(width * 0.7), Math.round(width * 0.7 * (53.98 / 85.6))];
  const [left, top] = [Math.round((width - cardWidth) / 2), Math.round((height - cardHeight) / 2)];
  for (let y = top; y < top + cardHeight; y++) {
    for (let x = left; x < left + cardWidth; x++) {
      const [cx, cy] = [x - left, y - top];
      // Rows of marks like printed text: 14 px lines every 34 px, words of 24 px with 10 px gaps.
      const text = cy > 40 && cy < cardHeight - 40 && cy % 34 < 14 && cx > 40 && cx < cardWidth * 0.65 && cx % 34 < 24;
      // A photo box on the right, as on the card.
      const photo = cx > cardWidth * 0.72 && cx < cardWidth * 0.92 && cy > cardHeight * 0.2 && cy < cardHeight * 0.75;
      luma[y * width + x] = text ? 30 : photo ? 90 : 215;
    }
  }
  const chroma = new Uint8Array((width / 2) * (height / 2) * 2).fill(128); // grey: no colour
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\n`, 'latin1');
  writeFileSync(path, Buffer.concat([header, Buffer.from('FRAME\n', 'latin1'), luma, chroma]));
}
