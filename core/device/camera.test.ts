/**
 * The camera contract's questions (largest blob, tag, object, line position) and what a program gets from a robot
 * that has no AI camera: a clear missing-device error in both languages, not a camera that silently sees nothing.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../runtime/random';
import { Interpreter } from '../runtime/interpreter';
import { FakeDevices, ir, runTicks } from '../runtime/testing';
import type { RuntimeEvent } from '../runtime/types';
import { largestBlob, linePosition, objectByClass, tagById, type CameraFrame } from './camera';

const frame: CameraFrame = {
  blobs: [
    { colour: 'red', x: 40, y: 100, width: 10, height: 10 },
    { colour: 'red', x: 200, y: 120, width: 30, height: 20 },
    { colour: 'green', x: 100, y: 60, width: 20, height: 20 },
    { colour: 'red', x: 10, y: 100, width: 20, height: 30 },
  ],
  tags: [{ id: 4, x: 150, y: 90, width: 12, height: 12 }],
  objects: [{ objectClass: 'cat', x: 300, y: 50, width: 40, height: 30 }],
  line: { xTail: 80, yTail: 228, xHead: 160, yHead: 132 },
};

describe('camera questions', () => {
  it('answer with the largest blob of a colour (ties: the leftmost), a tag by id, an object by class', () => {
    // Two red blobs of 600 px²: the one further left wins; the 100 px² one never does.
    expect(largestBlob(frame, 'red')).toMatchObject({ x: 10 });
    expect(largestBlob(frame, 'blue')).toBeUndefined();
    expect(tagById(frame, 4)?.x).toBe(150);
    expect(tagById(frame, 5)).toBeUndefined();
    expect(objectByClass(frame, 'cat')?.x).toBe(300);
    expect(objectByClass(frame, 'dog')).toBeUndefined();
  });

  it('gives the line position from where the line enters the bottom of the image, −100 … 100', () => {
    expect(linePosition(frame)).toBe(-50);
    expect(linePosition({ ...frame, line: { ...frame.line!, xTail: 320 } })).toBe(100);
    expect(linePosition({ ...frame, line: { ...frame.line!, xTail: 0 } })).toBe(-100);
    expect(linePosition({ ...frame, line: null })).toBe(0);
  });

  it('a camera block on a robot without an AI camera stops with "needs the AI camera" in Chinese and English', () => {
    const devices = new FakeDevices();
    const program = ir.program([ir.script({ kind: 'start' }, [ir.log(ir.read('robot.cameraSeesColour', [ir.str('red')], 'sees-red'))])]);
    const interp = new Interpreter(program, devices, { random: createRandom(1) });
    const events: RuntimeEvent[] = [];
    interp.onDidEmit((e) => events.push(e));
    interp.start();
    runTicks(interp, devices, 3);
    const error = events.find((e): e is Extract<RuntimeEvent, { type: 'error' }> => e.type === 'error')!.error;
    expect(error).toMatchObject({ blockId: 'sees-red', code: 'missingDevice', params: { device: 'camera' } });
    expect(error.message['zh-CN']).toContain('AI 摄像头');
    expect(error.message.en).toContain('AI camera');
    expect(devices.safeStateCalls).toBe(1);
  });
});
