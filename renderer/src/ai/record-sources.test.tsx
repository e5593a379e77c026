// @vitest-environment jsdom
/**
 * Recording by hand from every source a class has: the simulated robot's AI camera (the real sim worker runner on the
 * sorting table, with the stage's camera view open) and a real kit connected in the device panel (its readings as the
 * host sends them in `device.readings`; the USB kit itself cannot be reached here, so the readings are written out).
 *
 * What a student would notice if it failed: no camera sensors to tick in the data panel, a recorded blob size that
 * differs from what the "blob size" block reads in a program at the same spot (a model trained on hand-recorded
 * samples would then mispredict in the program), or readings silently taken from the simulator while a real kit is
 * connected.
 */
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AiState } from '../../../core/ai/contracts';
import type { Program } from '../../../core/program/ir';
import type { Snapshot } from '../../../core/sim/snapshot';
import { createRunnerSession, initSimPhysics } from '../sim/session-adapter';
import { SimRunner } from '../sim/sim-runner';
import type { SimResponse } from '../../../core/contracts/sim-worker';
import { AiPanel } from './AiPanel';
import { deviceLiveReadings, liveReadings, type LiveReadings } from './live-readings';
import { click, render, typeInto, type Rendered } from './test-render';

let view: Rendered | null = null;
afterEach(() => {
  view?.unmount();
  view = null;
});
beforeAll(() => initSimPhysics());

function Host(props: { seen: AiState[]; readings: () => LiveReadings; from?: () => string | null }) {
  const [ai, setAi] = useState<AiState>({ datasets: [], models: [] });
  return (
    <AiPanel
      ai={ai}
      language="en"
      defaultOpen
      readings={props.readings}
      readingsFrom={props.from}
      onChange={(next) => {
        props.seen.push(next);
        setAi(next);
      }}
    />
  );
}

/** A program that prints what the camera blocks read for green and red blobs and the line, then ends. */
const printBlobSizes: Program = {
  irVersion: 1, target: 'robot', variables: [], procedures: [],
  scripts: [{
    blockId: 'hat', trigger: { kind: 'start' },
    body: ['green', 'red', 'yellow'].map((colour, i) => ({
      kind: 'log', blockId: `log${i}`,
      value: { kind: 'read', blockId: `r${i}`, sensor: 'robot.cameraBlobSize', args: [{ kind: 'str', blockId: `s${i}`, value: colour }] },
    })),
  }],
};

/** The sim worker's runner on the sorting table (robot at its start pose), turned by hand. */
function sortingTable(cameraView: boolean) {
  const posted: SimResponse[] = [];
  let timer: (() => void) | null = null;
  let wall = 0;
  const runner = new SimRunner({
    post: (m) => posted.push(m),
    now: () => wall,
    schedule: (fn) => {
      timer = fn;
      return () => { if (timer === fn) timer = null; };
    },
    createSession: createRunnerSession,
  });
  runner.handle({ type: 'sim.setCameraView', open: cameraView });
  runner.handle({ type: 'sim.load', program: printBlobSizes, arenaId: 'sorting-table', seed: 1 });
  const latest = () => posted.flatMap((m) => (m.type === 'sim.snapshot' ? [m.snapshot] : [])).at(-1) ?? null;
  const runOneTick = () => {
    runner.handle({ type: 'sim.runFor', seconds: 0.02, requestId: 1 });
    for (let guard = 0; timer && guard < 10_000; guard++) {
      const t = timer;
      timer = null;
      wall += 1;
      t();
    }
    return posted.flatMap((m) => (m.type === 'sim.runtimeEvent' && m.event.type === 'log' ? [Number(m.event.text)] : []));
  };
  return { latest, runOneTick };
}

describe('recording by hand from the AI camera', () => {
  it('with the camera view open the panel offers the blob sizes; a recorded sample holds what the blob-size block reads at that spot', () => {
    const table = sortingTable(true);
    const snapshot: Snapshot | null = table.latest();
    expect(snapshot?.camera).toBeDefined();
    const seen: AiState[] = [];
    view = render(<Host seen={seen} readings={() => liveReadings(snapshot)} />);
    expect(view.all('record-camera-hint')).toHaveLength(0);
    click(view.one('record-cameraGreenSize'));
    click(view.one('record-cameraRedSize'));
    click(view.one('record-cameraYellowSize'));
    typeInto(view.one('record-label') as HTMLInputElement, '绿');
    click(view.one('record-now'));
    const d = seen.at(-1)!.datasets[0]!;
    expect(d.features).toEqual(['camera: red blob width px', 'camera: green blob width px', 'camera: yellow blob width px']);
    const [red, green, yellow] = d.samples[0]!.values;
    // The green cube is ahead at the start; nothing on the sorting table is yellow (a colour not in view is -1).
    expect(green).toBeGreaterThan(0);
    expect(yellow).toBe(-1);
    // The program's blocks read the same numbers in the same pose.
    const [programGreen, programRed, programYellow] = table.runOneTick();
    expect({ green: programGreen, red: programRed, yellow: programYellow }).toEqual({ green, red, yellow });
  });

  it('with the camera view closed there is nothing camera to tick, and the panel says how to get it', () => {
    const snapshot = sortingTable(false).latest();
    view = render(<Host seen={[]} readings={() => liveReadings(snapshot)} />);
    expect(view.all('record-distanceCm')).toHaveLength(1);
    expect(view.all('record-cameraGreenSize')).toHaveLength(0);
    expect(view.one('record-camera-hint').textContent).toMatch(/camera view/);
  });
});

describe('recording by hand from a connected real kit', () => {
  it('the kit\'s numbers (as the device panel receives them) are offered, labelled with the device, and recorded', () => {
    // What the host sent for a sensor kit on StandardFirmata: numbers, a boolean and a string among them.
    let values: Record<string, number | boolean | string> = { 'kit.lightPercent': 63.5, 'kit.knobPercent': 12, 'kit.motion': true, 'kit.temperatureC': 24.1, 'kit.note': 'x' };
    const seen: AiState[] = [];
    view = render(<Host seen={seen} readings={() => deviceLiveReadings(values)} from={() => 'Arduino Uno · StandardFirmata 2.5'} />);
    expect(view.one('record-from').textContent).toBe('Readings from the connected device: Arduino Uno · StandardFirmata 2.5');
    // Only numbers can be learnt from: the motion flag and the text are not offered. No camera hint for a kit.
    expect(view.all('record-lightPercent')).toHaveLength(1);
    expect(view.all('record-temperatureC')).toHaveLength(1);
    expect(view.container.querySelectorAll('input[type="checkbox"]')).toHaveLength(3);
    expect(view.all('record-camera-hint')).toHaveLength(0);
    click(view.one('record-lightPercent'));
    typeInto(view.one('record-label') as HTMLInputElement, '亮');
    click(view.one('record-now'));
    values = { ...values, 'kit.lightPercent': 4 };
    typeInto(view.one('record-label') as HTMLInputElement, '暗');
    click(view.one('record-now'));
    expect(seen.at(-1)!.datasets[0]!.samples).toEqual([{ values: [63.5], label: '亮' }, { values: [4], label: '暗' }]);
  });

  it('maps a real robot\'s readings and drops what is not a finite number', () => {
    expect(deviceLiveReadings({ 'robot.distanceCm': 42, 'robot.headingDeg': 90, 'robot.lightPercent': 30, 'robot.bumperPressed': false, 'robot.colourUnder': 'red', 'drone.heightCm': 80, 'robot.line0': true, 'kit.soundPercent': Number.NaN, 'robot.cameraRedSize': 40, 'robot.cameraBlueSize': -1 }))
      .toEqual({ distanceCm: 42, headingDeg: 90, lightPercent: 30, cameraRedSize: 40, cameraBlueSize: -1 });
  });
});
