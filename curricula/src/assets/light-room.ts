/** Top view of the light room: the robot at the start scanning round in 15° steps, the lamp with its light. */
const rays: string[] = [];
for (let deg = 0; deg < 360; deg += 15) {
  // Tick marks for the 24 looks of the scan; the brightest one (45°, towards the lamp) is longer and orange.
  const rad = (deg * Math.PI) / 180;
  const at = (r: number) => [Math.round((60 + r * Math.sin(rad)) * 10) / 10, Math.round((240 - r * Math.cos(rad)) * 10) / 10];
  const [x1, y1] = at(deg === 45 ? 14 : 20);
  const [x2, y2] = at(deg === 45 ? 34 : 26);
  rays.push(`<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${deg === 45 ? '#e07b00' : '#9aa9c0'}" stroke-width="${deg === 45 ? 4 : 2}"/>`);
}
export const lightRoomSvg = `
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 320" width="320" height="320">
  <rect x="0" y="0" width="320" height="320" fill="#2b2f3a"/>
  <defs><radialGradient id="glow"><stop offset="0" stop-color="#fff3a0" stop-opacity="0.9"/><stop offset="1" stop-color="#fff3a0" stop-opacity="0"/></radialGradient></defs>
  <circle cx="240" cy="80" r="120" fill="url(#glow)"/>
  <rect x="187" y="27" width="106" height="106" fill="none" stroke="#e6c200" stroke-width="2" stroke-dasharray="6 4"/>
  <circle cx="240" cy="80" r="8" fill="#ffdd33" stroke="#806a00" stroke-width="2"/>
  ${rays.join('\n  ')}
  <rect x="51" y="229" width="18" height="22" rx="4" fill="#4a90d9" stroke="#cfe0f5" stroke-width="1.5"/>
  <line x1="60" y1="240" x2="226" y2="94" stroke="#e07b00" stroke-width="2" stroke-dasharray="8 6"/>
</svg>`;
