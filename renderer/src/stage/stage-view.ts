/**
 * StageView: the three.js side of the 3D stage, apart from React. Owns the WebGL renderer, the scene, the three
 * cameras and the render loop; reads snapshots and interpolates between the last two (it never drives the model).
 *
 *   const view = new StageView(containerElement);
 *   view.setArena(arenaById('line-track'));
 *   controller.onSnapshot((s) => view.pushSnapshot(s));
 *   view.setCamera('follow');
 *   view.dispose();            // frees every GPU resource and the WebGL context
 */
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { Arena } from '../../../core/sim/arena';
import type { Snapshot } from '../../../core/sim/snapshot';
import { buildArenaScene, type ArenaScene } from './arena-scene';
import { disposeObject } from './dispose';
import { interpolateBody, interpolationAlpha } from './interpolate';
import { createDroneModel, createRobotModel, type DroneModel, type RobotModel } from './models';

export type CameraMode = 'orbit' | 'follow' | 'top';
export const CAMERA_MODES: readonly CameraMode[] = ['orbit', 'follow', 'top'];

export interface StageViewOptions {
  /** Keep the drawing buffer between frames (costs fill rate; tests instead call `renderNow()` and read the canvas
   *  in the same task). Default false. */
  readonly preserveDrawingBuffer?: boolean;
  /** Show the ultrasonic ray of each robot. Default true. */
  readonly showSensors?: boolean;
}

interface RobotView {
  readonly model: RobotModel;
  readonly ray: THREE.Line;
  readonly rayPositions: THREE.BufferAttribute;
}

const BACKGROUND = 0xdfe9f3;

/** True when WebGL is a software rasteriser (SwiftShader, llvmpipe, Microsoft Basic Render Driver). */
function isSoftwareGl(): boolean {
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return /swiftshader|llvmpipe|software|basic render/i.test(name);
  } catch {
    return false;
  }
}

export class StageView {
  readonly renderer: THREE.WebGLRenderer;
  private readonly scene = new THREE.Scene();
  private readonly perspective = new THREE.PerspectiveCamera(50, 1, 0.01, 100);
  private readonly ortho = new THREE.OrthographicCamera(-1, 1, 1, -1, 0.01, 100);
  private readonly controls: OrbitControls;
  private readonly dynamic = new THREE.Group();
  private arena: ArenaScene | null = null;
  private arenaData: Arena | null = null;
  private readonly robots = new Map<string, RobotView>();
  private readonly drones = new Map<string, DroneModel>();
  private previous: Snapshot | null = null;
  private latest: Snapshot | null = null;
  private previousArrival = 0;
  private latestArrival = 0;
  private camera: CameraMode = 'orbit';
  private frame = 0;
  private readonly resizeObserver: ResizeObserver | null;
  private disposed = false;
  private readonly showSensors: boolean;
  private readonly followTarget = new THREE.Vector3();
  private followReady = false;
  /** Frames rendered so far (tests and diagnostics). */
  framesRendered = 0;
  /** Wall time the last frame took to submit, ms (diagnostics). */
  lastFrameMs = 0;
  /** True when WebGL runs on a software rasteriser (see the constructor). */
  readonly softwareGl: boolean;
  private readonly minFrameIntervalMs: number;
  private lastFrameAt = -Infinity;
  /** Something changed since the last frame (snapshot, arena, camera, size, orbit drag). */
  private dirty = true;

  constructor(private readonly container: HTMLElement, options: StageViewOptions = {}) {
    this.showSensors = options.showSensors ?? true;
    // Software GL (SwiftShader, llvmpipe: a lab PC without a GPU driver, headless Chromium) rasterises on the CPU
    // the sim worker also needs: no MSAA, pixel ratio 1, at most 20 frames a second, so the UI stays responsive.
    this.softwareGl = isSoftwareGl();
    this.minFrameIntervalMs = this.softwareGl ? 50 : 0;
    this.renderer = new THREE.WebGLRenderer({ antialias: !this.softwareGl, preserveDrawingBuffer: options.preserveDrawingBuffer ?? false });
    this.renderer.setPixelRatio(this.softwareGl ? 1 : Math.min(2, globalThis.devicePixelRatio || 1));
    this.renderer.outputColorSpace = THREE.SRGBColorSpace;
    this.renderer.domElement.dataset.testid = 'stage-canvas';
    this.renderer.domElement.style.display = 'block';
    this.renderer.domElement.style.width = '100%';
    this.renderer.domElement.style.height = '100%';
    container.appendChild(this.renderer.domElement);

    this.scene.background = new THREE.Color(BACKGROUND);
    this.scene.add(new THREE.HemisphereLight(0xffffff, 0x8d9aa5, 2.2));
    const sun = new THREE.DirectionalLight(0xffffff, 1.6);
    sun.position.set(2, 4, 3);
    this.scene.add(sun);
    this.scene.add(this.dynamic);

    this.ortho.up.set(0, 0, -1); // north (−z) up on screen in the top view
    this.controls = new OrbitControls(this.perspective, this.renderer.domElement);
    this.controls.enableDamping = true;
    this.controls.maxPolarAngle = Math.PI * 0.48; // never look from under the floor
    this.controls.minDistance = 0.15;
    this.controls.maxDistance = 20;
    this.controls.addEventListener('change', () => (this.dirty = true));

    this.resizeObserver = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(() => this.resize()) : null;
    this.resizeObserver?.observe(container);
    this.resize();
    this.loop();
  }

  /** Shows `arena` (or nothing); frees the previous arena's GPU resources. */
  setArena(arena: Arena | null): void {
    if (this.arena) disposeObject(this.arena.root);
    this.arena = null;
    this.arenaData = arena;
    this.dirty = true;
    this.clearBodies();
    this.previous = null;
    this.latest = null;
    if (!arena) return;
    this.arena = buildArenaScene(arena);
    this.scene.add(this.arena.root);
    this.frameArena();
  }

  /** A new snapshot from the sim; `arrivalMs` defaults to now (performance.now). */
  pushSnapshot(snapshot: Snapshot, arrivalMs = performance.now()): void {
    // A snapshot from an earlier time (reset, new load) starts a new timeline: no interpolation across it.
    if (this.latest && snapshot.timeMs < this.latest.timeMs) {
      this.previous = null;
      this.followReady = false;
    } else {
      this.previous = this.latest;
    }
    this.previousArrival = this.latestArrival;
    this.latest = snapshot;
    this.latestArrival = arrivalMs;
    this.dirty = true;
  }

  setCamera(mode: CameraMode): void {
    const wasFollow = this.camera === 'follow';
    this.camera = mode;
    this.controls.enabled = mode === 'orbit';
    this.followReady = false;
    // The follow camera moved the shared perspective camera: give orbit its overview back.
    if (mode === 'orbit' && wasFollow) this.frameArena();
    this.resize();
  }

  get cameraMode(): CameraMode {
    return this.camera;
  }

  /** Puts the orbit camera back to its overview of the arena. */
  frameArena(): void {
    const a = this.arena;
    if (!a) return;
    this.perspective.position.set(a.centre.x, Math.max(a.span * 0.75, a.height * 2.2), a.centre.z + a.span * 0.85);
    this.controls.target.set(a.centre.x, a.height * 0.3, a.centre.z);
    this.controls.update();
    this.resize();
  }

  /** Renders one frame now (tests call this before reading pixels). */
  renderNow(nowMs = performance.now()): void {
    this.updateBodies(nowMs);
    this.updateCamera();
    const camera = this.camera === 'top' ? this.ortho : this.perspective;
    const t0 = performance.now();
    this.renderer.render(this.scene, camera);
    this.lastFrameMs = performance.now() - t0;
    this.framesRendered++;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    cancelAnimationFrame(this.frame);
    this.resizeObserver?.disconnect();
    this.controls.dispose();
    this.setArena(null);
    disposeObject(this.dynamic);
    this.renderer.dispose();
    this.renderer.forceContextLoss();
    this.renderer.domElement.remove();
  }

  /**
   * Renders on demand: only when something changed or is still moving on screen (interpolating towards the latest
   * snapshot, the follow camera catching up, a drone's rotors), so an idle stage costs nothing — on software GL an
   * always-on render loop alone stalls the page for tens of milliseconds per frame.
   */
  private loop = (now: number = performance.now()): void => {
    if (this.disposed) return;
    this.frame = requestAnimationFrame(this.loop);
    if (now - this.lastFrameAt < this.minFrameIntervalMs) return;
    if (this.camera === 'orbit') this.controls.update();
    if (!this.dirty && !this.animating(now)) return;
    this.dirty = false;
    this.lastFrameAt = now;
    this.renderNow();
  };

  private animating(now: number): boolean {
    if (this.previous && interpolationAlpha(this.previousArrival, this.latestArrival, now) < 1) return true;
    if (this.camera === 'follow' && this.followReady && this.perspective.position.distanceToSquared(this.tmpWanted) > 1e-6) return true;
    return this.latest?.drones.some((d) => d.flying) ?? false;
  }

  private resize(): void {
    this.dirty = true;
    const width = Math.max(1, this.container.clientWidth);
    const height = Math.max(1, this.container.clientHeight);
    this.renderer.setSize(width, height, false);
    const aspect = width / height;
    this.perspective.aspect = aspect;
    this.perspective.updateProjectionMatrix();
    const a = this.arenaData;
    const w = a ? a.width : 2;
    const d = a ? a.depth : 2;
    const margin = 1.08;
    // Fit the whole arena in the top view whatever the panel's shape.
    const halfH = Math.max(d / 2, w / 2 / aspect) * margin;
    this.ortho.left = -halfH * aspect;
    this.ortho.right = halfH * aspect;
    this.ortho.top = halfH;
    this.ortho.bottom = -halfH;
    this.ortho.position.set(w / 2, 10, d / 2);
    this.ortho.lookAt(w / 2, 0, d / 2);
    this.ortho.updateProjectionMatrix();
  }

  private clearBodies(): void {
    for (const r of this.robots.values()) {
      disposeObject(r.model.root);
      disposeObject(r.ray);
    }
    for (const d of this.drones.values()) disposeObject(d.root);
    this.robots.clear();
    this.drones.clear();
  }

  private robotView(id: string): RobotView {
    let view = this.robots.get(id);
    if (!view) {
      const model = createRobotModel();
      const rayPositions = new THREE.BufferAttribute(new Float32Array(6), 3);
      const geometry = new THREE.BufferGeometry();
      geometry.setAttribute('position', rayPositions);
      const ray = new THREE.Line(geometry, new THREE.LineBasicMaterial({ color: 0xff1744, transparent: true, opacity: 0.8 }));
      ray.name = `ultrasonic:${id}`;
      ray.frustumCulled = false;
      ray.visible = this.showSensors;
      this.dynamic.add(model.root, ray);
      view = { model, ray, rayPositions };
      this.robots.set(id, view);
    }
    return view;
  }

  private updateBodies(nowMs: number): void {
    const latest = this.latest;
    if (!latest) return;
    const alpha = this.previous ? interpolationAlpha(this.previousArrival, this.latestArrival, nowMs) : 1;
    const prev = this.previous;

    const seenRobots = new Set<string>();
    for (const robot of latest.robots) {
      seenRobots.add(robot.id);
      const view = this.robotView(robot.id);
      const pose = interpolateBody(prev?.robots ?? null, robot, alpha);
      view.model.root.position.set(pose.position[0], pose.position[1], pose.position[2]);
      view.model.root.quaternion.set(pose.rotation[0], pose.rotation[1], pose.rotation[2], pose.rotation[3]);
      view.model.update(robot);
      // The ray is drawn from the latest snapshot, moved with the body's interpolated offset so it stays attached.
      const dx = pose.position[0] - robot.position[0];
      const dy = pose.position[1] - robot.position[1];
      const dz = pose.position[2] - robot.position[2];
      const { from, to } = robot.ultrasonic;
      view.rayPositions.set([from[0] + dx, from[1] + dy, from[2] + dz, to[0] + dx, to[1] + dy, to[2] + dz]);
      view.rayPositions.needsUpdate = true;
    }
    for (const [id, view] of this.robots) {
      if (!seenRobots.has(id)) {
        disposeObject(view.model.root);
        disposeObject(view.ray);
        this.robots.delete(id);
      }
    }

    const seenDrones = new Set<string>();
    for (const drone of latest.drones) {
      seenDrones.add(drone.id);
      let model = this.drones.get(drone.id);
      if (!model) {
        model = createDroneModel();
        this.dynamic.add(model.root);
        this.drones.set(drone.id, model);
      }
      const pose = interpolateBody(prev?.drones ?? null, drone, alpha);
      model.root.position.set(pose.position[0], pose.position[1], pose.position[2]);
      model.root.quaternion.set(pose.rotation[0], pose.rotation[1], pose.rotation[2], pose.rotation[3]);
      model.update(drone, nowMs / 1000);
    }
    for (const [id, model] of this.drones) {
      if (!seenDrones.has(id)) {
        disposeObject(model.root);
        this.drones.delete(id);
      }
    }

    if (this.arena) {
      for (const prop of latest.props) {
        const mesh = this.arena.props.get(prop.id);
        if (!mesh) continue;
        const pose = interpolateBody(prev?.props ?? null, prop, alpha);
        mesh.position.set(pose.position[0], pose.position[1], pose.position[2]);
        mesh.quaternion.set(pose.rotation[0], pose.rotation[1], pose.rotation[2], pose.rotation[3]);
      }
    }
  }

  /** The body the follow camera follows: the first robot, else the first drone. */
  private followed(): THREE.Object3D | null {
    const first = this.robots.values().next().value?.model.root ?? this.drones.values().next().value?.root;
    return first ?? null;
  }

  private readonly tmpForward = new THREE.Vector3();
  private readonly tmpWanted = new THREE.Vector3();

  private updateCamera(): void {
    if (this.camera !== 'follow') return;
    const body = this.followed();
    if (!body) return;
    // Behind and above the body, looking where it faces; yaw only, so a drone flip does not flip the view.
    const forward = this.tmpForward.set(0, 0, -1).applyQuaternion(body.quaternion);
    forward.y = 0;
    if (forward.lengthSq() < 1e-6) forward.set(0, 0, -1);
    forward.normalize();
    const wanted = this.tmpWanted.copy(body.position).addScaledVector(forward, -0.55);
    wanted.y = body.position.y + 0.32;
    if (!this.followReady) {
      this.perspective.position.copy(wanted);
      this.followTarget.copy(body.position);
      this.followReady = true;
    } else {
      this.perspective.position.lerp(wanted, 0.12);
      this.followTarget.lerp(body.position, 0.25);
    }
    this.perspective.lookAt(this.followTarget);
  }
}
