/** Three cases of two line sensors over a black line, seen from above (no words: the step text explains). */
const panel = (x: number, sensorShift: number, arrow: string, head: string) => `
  <g transform="translate(${x},0)">
    <rect x="0" y="0" width="120" height="150" fill="#ffffff" stroke="#cccccc"/>
    <rect x="52" y="0" width="16" height="150" fill="#222222"/>
    <g transform="translate(${60 + sensorShift},100)">
      <rect x="-26" y="-30" width="52" height="62" rx="8" fill="#4a90d9" stroke="#1f4f80" stroke-width="2"/>
      <circle cx="-9" cy="-36" r="6" fill="#ffcc00" stroke="#805f00" stroke-width="2"/>
      <circle cx="9" cy="-36" r="6" fill="#ffcc00" stroke="#805f00" stroke-width="2"/>
    </g>
    <path d="${arrow}" fill="none" stroke="#d0342c" stroke-width="4" stroke-linecap="round"/>
    <polygon points="${head}" fill="#d0342c"/>
  </g>`;
export const lineSensorsSvg = `
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 160" width="400" height="160">
  ${panel(5, 9, 'M69,52 Q69,22 30,20', '20,20 32,12 32,28')}
  ${panel(140, 0, 'M60,52 L60,18', '60,8 52,20 68,20')}
  ${panel(275, -9, 'M51,52 Q51,22 90,20', '100,20 88,12 88,28')}
</svg>`;
