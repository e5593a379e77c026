/** Red, green, blue and yellow readings on an R–G plane; a new reading (hollow) and a circle round its 3 nearest. */
const dots: [number, number, string][] = [
  [300, 230, '#d0342c'], [315, 215, '#d0342c'], [285, 240, '#d0342c'], [320, 245, '#d0342c'], [295, 205, '#d0342c'],
  [90, 90, '#2e8b57'], [70, 105, '#2e8b57'], [105, 75, '#2e8b57'], [85, 120, '#2e8b57'],
  [70, 230, '#2b5fb4'], [55, 215, '#2b5fb4'], [90, 245, '#2b5fb4'], [60, 250, '#2b5fb4'],
  [305, 80, '#e6b800'], [320, 95, '#e6b800'], [290, 65, '#e6b800'], [330, 70, '#e6b800'],
];
export const knnNeighboursSvg = `
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 380 300" width="380" height="300">
  <rect x="0" y="0" width="380" height="300" fill="#ffffff"/>
  <line x1="30" y1="275" x2="365" y2="275" stroke="#555555" stroke-width="2"/>
  <line x1="30" y1="275" x2="30" y2="15" stroke="#555555" stroke-width="2"/>
  <text x="350" y="294" font-family="sans-serif" font-size="16" fill="#d0342c">R</text>
  <text x="8" y="28" font-family="sans-serif" font-size="16" fill="#2e8b57">G</text>
  ${dots.map(([x, y, c]) => `<circle cx="${x}" cy="${y}" r="7" fill="${c}"/>`).join('\n  ')}
  <circle cx="280" cy="225" r="9" fill="#ffffff" stroke="#000000" stroke-width="3"/>
  <circle cx="280" cy="225" r="30" fill="none" stroke="#000000" stroke-width="2" stroke-dasharray="6 4"/>
</svg>`;
