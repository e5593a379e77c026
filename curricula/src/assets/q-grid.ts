/** The 5 × 5 grid-world: start (blue, bottom left), trap (red), goal (green, entered from the east), a learned path. */
const C = 60;
const cell = (row: number, col: number, fill: string) => `<rect x="${10 + col * C}" y="${10 + row * C}" width="${C}" height="${C}" fill="${fill}"/>`;
const centre = (row: number, col: number) => `${10 + col * C + C / 2},${10 + row * C + C / 2}`;
/** The route E,E,N,E,E,N,N,N,W from the start (row 4, col 0). */
const path = [[4, 0], [4, 1], [4, 2], [3, 2], [3, 3], [3, 4], [2, 4], [1, 4], [0, 4], [0, 3]] as const;
const grid: string[] = [];
for (let i = 0; i <= 5; i++) {
  grid.push(`<line x1="10" y1="${10 + i * C}" x2="${10 + 5 * C}" y2="${10 + i * C}" stroke="#bbbbbb"/>`);
  grid.push(`<line x1="${10 + i * C}" y1="10" x2="${10 + i * C}" y2="${10 + 5 * C}" stroke="#bbbbbb"/>`);
}
export const qGridSvg = `
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 320" width="320" height="320">
  <rect x="0" y="0" width="320" height="320" fill="#ffffff"/>
  ${cell(4, 0, '#a8c8f0')}
  ${cell(1, 3, '#f2a7a2')}
  ${cell(0, 3, '#a6dcb5')}
  ${grid.join('\n  ')}
  <line x1="${10 + 3 * C}" y1="10" x2="${10 + 3 * C}" y2="${10 + C}" stroke="#333333" stroke-width="6"/>
  <line x1="${10 + 3 * C}" y1="${10 + C}" x2="${10 + 4 * C}" y2="${10 + C}" stroke="#333333" stroke-width="6"/>
  <rect x="8" y="8" width="${5 * C + 4}" height="${5 * C + 4}" fill="none" stroke="#333333" stroke-width="4"/>
  <polyline points="${path.map(([r, c]) => centre(r, c)).join(' ')}" fill="none" stroke="#e07b00" stroke-width="5" stroke-linejoin="round" stroke-dasharray="10 6"/>
</svg>`;
