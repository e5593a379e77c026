/** Side view: a drone below the 1.5 m line, a student 2 m away behind the line on the floor. */
export const droneSafetySvg = `
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 420 220" width="420" height="220">
  <rect x="0" y="0" width="420" height="220" fill="#f4f8ff"/>
  <line x1="20" y1="200" x2="400" y2="200" stroke="#555555" stroke-width="3"/>
  <line x1="20" y1="60" x2="400" y2="60" stroke="#d0342c" stroke-width="3" stroke-dasharray="10 6"/>
  <text x="26" y="52" font-family="sans-serif" font-size="16" fill="#d0342c">1.5 m</text>
  <g transform="translate(110,110)">
    <rect x="-30" y="-6" width="60" height="12" rx="5" fill="#444444"/>
    <ellipse cx="-34" cy="-12" rx="18" ry="4" fill="#99ccff" stroke="#336699"/>
    <ellipse cx="34" cy="-12" rx="18" ry="4" fill="#99ccff" stroke="#336699"/>
    <circle cx="-34" cy="-12" r="20" fill="none" stroke="#336699" stroke-dasharray="3 3"/>
    <circle cx="34" cy="-12" r="20" fill="none" stroke="#336699" stroke-dasharray="3 3"/>
  </g>
  <line x1="110" y1="206" x2="330" y2="206" stroke="#2e8b57" stroke-width="2" marker-end="url(#arrow)" marker-start="url(#arrow)"/>
  <defs><marker id="arrow" markerWidth="8" markerHeight="8" refX="4" refY="4" orient="auto-start-reverse"><path d="M0,0 L8,4 L0,8 z" fill="#2e8b57"/></marker></defs>
  <text x="205" y="198" font-family="sans-serif" font-size="16" fill="#2e8b57">2 m</text>
  <g transform="translate(345,200)" fill="#f0a040" stroke="#8a5a10" stroke-width="2">
    <circle cx="0" cy="-78" r="12"/>
    <line x1="0" y1="-66" x2="0" y2="-30"/>
    <line x1="0" y1="-55" x2="-14" y2="-40"/>
    <line x1="0" y1="-55" x2="14" y2="-40"/>
    <line x1="0" y1="-30" x2="-10" y2="0"/>
    <line x1="0" y1="-30" x2="10" y2="0"/>
  </g>
</svg>`;
