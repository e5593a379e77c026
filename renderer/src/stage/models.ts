/**
 * The robot-car and drone models. Each model's origin is its body's pose as the snapshot gives it (body centre,
 * rotation as a quaternion); local −z is the front (heading 0 = facing −z), y is up.
 *
 * Sizes follow the simulated bodies (core/sim): the car is ~15 cm long × 12 cm wide; the drone ~18 cm across.
 * Models only display state: `update` copies LED colour and display text from a snapshot; they never feed back.
 */
import * as THREE from 'three';
import type { DroneSnapshot, RobotSnapshot } from '../../../core/sim/snapshot';
import { parseHexColour } from './colours';

/** Height of the car body centre above the floor, m (wheel radius + clearance); matches the sim's body. */
export const ROBOT_CENTRE_Y = 0.035;

/** A text label drawn on a canvas texture, shown as a sprite (always faces the camera). */
class TextLabel {
  readonly sprite: THREE.Sprite;
  private readonly canvas: HTMLCanvasElement | null;
  private readonly texture: THREE.CanvasTexture | null;
  private text = '\u0000';

  constructor(private readonly heightM: number) {
    const canvas = typeof document !== 'undefined' ? document.createElement('canvas') : null;
    const usable = canvas?.getContext?.('2d') ? canvas : null;
    this.canvas = usable;
    this.texture = usable ? new THREE.CanvasTexture(usable) : null;
    if (this.texture) this.texture.colorSpace = THREE.SRGBColorSpace;
    this.sprite = new THREE.Sprite(new THREE.SpriteMaterial({ map: this.texture, transparent: true, depthTest: false }));
    this.sprite.renderOrder = 10;
    this.sprite.visible = false;
  }

  set(text: string): void {
    const shown = text.slice(0, 32);
    if (shown === this.text) return;
    this.text = shown;
    this.sprite.visible = shown.length > 0 && this.canvas !== null;
    const ctx = this.canvas?.getContext('2d');
    if (!this.canvas || !ctx || !shown) return;
    const font = '600 48px "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", system-ui, sans-serif';
    ctx.font = font;
    const width = Math.ceil(ctx.measureText(shown).width) + 32;
    this.canvas.width = width;
    this.canvas.height = 72;
    ctx.font = font;
    ctx.fillStyle = 'rgba(20, 28, 36, 0.85)';
    ctx.beginPath();
    ctx.roundRect(0, 0, width, 72, 16);
    ctx.fill();
    ctx.fillStyle = '#7CFFB2';
    ctx.textBaseline = 'middle';
    ctx.fillText(shown, 16, 38);
    this.texture!.needsUpdate = true;
    this.sprite.scale.set((this.heightM * width) / 72, this.heightM, 1);
  }
}

export interface RobotModel {
  readonly root: THREE.Group;
  update(snapshot: RobotSnapshot): void;
}

export function createRobotModel(): RobotModel {
  const root = new THREE.Group();
  root.name = 'robot';

  const body = new THREE.Mesh(new THREE.BoxGeometry(0.11, 0.04, 0.15), new THREE.MeshStandardMaterial({ color: 0x1976d2, roughness: 0.5 }));
  body.name = 'robot-body';
  body.position.y = 0.005;
  body.castShadow = true;
  root.add(body);

  const deck = new THREE.Mesh(new THREE.BoxGeometry(0.09, 0.006, 0.1), new THREE.MeshStandardMaterial({ color: 0x263238, roughness: 0.8 }));
  deck.position.set(0, 0.028, 0.015);
  root.add(deck);

  const wheelGeometry = new THREE.CylinderGeometry(0.033, 0.033, 0.02, 24);
  const wheelMaterial = new THREE.MeshStandardMaterial({ color: 0x212121, roughness: 0.9 });
  for (const side of [-1, 1]) {
    const wheel = new THREE.Mesh(wheelGeometry, wheelMaterial);
    wheel.name = side < 0 ? 'wheel-left' : 'wheel-right';
    wheel.rotation.z = Math.PI / 2;
    wheel.position.set(side * 0.067, -0.002, 0.02);
    root.add(wheel);
  }
  const caster = new THREE.Mesh(new THREE.SphereGeometry(0.012, 12, 8), wheelMaterial);
  caster.position.set(0, -0.023, -0.055);
  root.add(caster);

  // Ultrasonic "eyes" at the front (−z).
  const eyeGeometry = new THREE.CylinderGeometry(0.011, 0.011, 0.012, 16);
  const eyeMaterial = new THREE.MeshStandardMaterial({ color: 0xb0bec5, metalness: 0.6, roughness: 0.3 });
  for (const side of [-1, 1]) {
    const eye = new THREE.Mesh(eyeGeometry, eyeMaterial);
    eye.rotation.x = Math.PI / 2;
    eye.position.set(side * 0.018, 0.012, -0.08);
    root.add(eye);
  }

  const ledMaterial = new THREE.MeshStandardMaterial({ color: 0x222222, emissive: 0x000000, roughness: 0.3 });
  const led = new THREE.Mesh(new THREE.SphereGeometry(0.012, 16, 12), ledMaterial);
  led.name = 'robot-led';
  led.position.set(0, 0.04, -0.035);
  root.add(led);

  const label = new TextLabel(0.045);
  label.sprite.position.set(0, 0.11, 0);
  root.add(label.sprite);

  let ledColour = '';
  return {
    root,
    update(snapshot) {
      if (snapshot.ledColour !== ledColour) {
        ledColour = snapshot.ledColour;
        const hex = parseHexColour(ledColour);
        ledMaterial.color.setHex(hex === 0 ? 0x222222 : hex);
        ledMaterial.emissive.setHex(hex);
        ledMaterial.emissiveIntensity = hex === 0 ? 0 : 1.5;
      }
      label.set(snapshot.displayText);
    },
  };
}

export interface DroneModel {
  readonly root: THREE.Group;
  /** `timeS` spins the rotors while flying (display only). */
  update(snapshot: DroneSnapshot, timeS: number): void;
}

export function createDroneModel(): DroneModel {
  const root = new THREE.Group();
  root.name = 'drone';
  const frameMaterial = new THREE.MeshStandardMaterial({ color: 0xeceff1, roughness: 0.5 });
  const body = new THREE.Mesh(new THREE.BoxGeometry(0.07, 0.03, 0.09), frameMaterial);
  body.castShadow = true;
  root.add(body);
  const nose = new THREE.Mesh(new THREE.BoxGeometry(0.03, 0.012, 0.012), new THREE.MeshStandardMaterial({ color: 0xe53935 }));
  nose.position.set(0, 0.005, -0.048);
  root.add(nose);

  const armGeometry = new THREE.BoxGeometry(0.2, 0.008, 0.012);
  for (const angle of [Math.PI / 4, -Math.PI / 4]) {
    const arm = new THREE.Mesh(armGeometry, frameMaterial);
    arm.rotation.y = angle;
    root.add(arm);
  }
  const rotorGeometry = new THREE.BoxGeometry(0.08, 0.002, 0.01);
  const rotorMaterial = new THREE.MeshStandardMaterial({ color: 0x37474f, transparent: true, opacity: 0.8 });
  const guardGeometry = new THREE.TorusGeometry(0.042, 0.003, 6, 24);
  const rotors: THREE.Mesh[] = [];
  for (const [x, z] of [[0.07, 0.07], [-0.07, 0.07], [0.07, -0.07], [-0.07, -0.07]]) {
    const rotor = new THREE.Mesh(rotorGeometry, rotorMaterial);
    rotor.position.set(x, 0.012, z);
    root.add(rotor);
    rotors.push(rotor);
    const guard = new THREE.Mesh(guardGeometry, frameMaterial);
    guard.rotation.x = Math.PI / 2;
    guard.position.set(x, 0.012, z);
    root.add(guard);
  }
  return {
    root,
    update(snapshot, timeS) {
      const spin = snapshot.flying ? timeS * 40 : 0;
      rotors.forEach((r, i) => (r.rotation.y = (i % 2 === 0 ? spin : -spin) + i * 0.7));
    },
  };
}
