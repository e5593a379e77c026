/** The 3D stage and its toolbar pieces (see Stage.tsx and sim-toolbar.tsx). */
export { Stage, type StageProps } from './Stage';
export { SensorKitPanel } from './SensorKitPanel';
export { SpeedButtons, CameraPicker, ArenaPicker, ResetButton, arenaOptions } from './sim-toolbar';
export { StageView, CAMERA_MODES, type CameraMode } from './stage-view';
