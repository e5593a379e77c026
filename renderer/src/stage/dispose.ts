/**
 * Frees the GPU resources (geometries, materials, textures) under an Object3D. three.js never frees them by itself:
 * an arena switched ten times in a lesson would otherwise keep ten arenas in video memory.
 */
import * as THREE from 'three';

function disposeMaterial(material: THREE.Material): void {
  for (const value of Object.values(material)) {
    if (value instanceof THREE.Texture) value.dispose();
  }
  material.dispose();
}

/** Disposes everything below `root` and detaches it from its parent. Returns how many resources were freed. */
export function disposeObject(root: THREE.Object3D): number {
  const seen = new Set<object>();
  root.traverse((object) => {
    const withGeometry = object as Partial<THREE.Mesh>;
    if (withGeometry.geometry && !seen.has(withGeometry.geometry)) {
      seen.add(withGeometry.geometry);
      withGeometry.geometry.dispose();
    }
    const material = withGeometry.material;
    for (const m of Array.isArray(material) ? material : material ? [material] : []) {
      if (!seen.has(m)) {
        seen.add(m);
        disposeMaterial(m);
      }
    }
  });
  root.removeFromParent();
  return seen.size;
}
