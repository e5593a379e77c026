/**
 * What the AI camera reads, drawn on the props in the 3D stage: a tag's number on each side and the top of a tagged
 * prop (white square, black frame, like a printed tag), so students can see which cube is tag 2. Built once per
 * arena with the other static meshes; freed by `disposeObject` with them (texture included).
 */
import * as THREE from 'three';
import type { Prop } from '../../../core/sim/arena';

const TEXTURE_PX = 64;
/** Each marking sits this far off the face, m (no z-fighting with the prop). */
const LIFT_M = 0.0008;

/** The tag marking for `prop` (a group of planes to add to its mesh, centred on it), or null without a tag or DOM. */
export function tagMarking(prop: Prop): THREE.Object3D | null {
  if (prop.tag === undefined || typeof document === 'undefined') return null;
  const canvas = document.createElement('canvas');
  canvas.width = TEXTURE_PX;
  canvas.height = TEXTURE_PX;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.fillStyle = '#111';
  ctx.fillRect(0, 0, TEXTURE_PX, TEXTURE_PX);
  ctx.fillStyle = '#fff';
  ctx.fillRect(8, 8, TEXTURE_PX - 16, TEXTURE_PX - 16);
  ctx.fillStyle = '#111';
  ctx.font = `bold ${prop.tag > 99 ? 22 : 30}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(String(prop.tag), TEXTURE_PX / 2, TEXTURE_PX / 2 + 1);
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  const material = new THREE.MeshBasicMaterial({ map: texture });
  const half = prop.size / 2;
  // Cubes carry the tag on every side and the top; cylinders on the top only.
  const side = prop.size * 0.7;
  const geometry = new THREE.PlaneGeometry(side, side);
  const group = new THREE.Group();
  group.name = `tag:${prop.id}`;
  const top = new THREE.Mesh(geometry, material);
  top.rotation.x = -Math.PI / 2;
  top.position.y = half + LIFT_M;
  group.add(top);
  if (prop.shape === 'cube') {
    for (let i = 0; i < 4; i++) {
      const face = new THREE.Mesh(geometry, material);
      const a = (i * Math.PI) / 2;
      face.rotation.y = a;
      face.position.set(Math.sin(a) * (half + LIFT_M), 0, Math.cos(a) * (half + LIFT_M));
      group.add(face);
    }
  }
  return group;
}
