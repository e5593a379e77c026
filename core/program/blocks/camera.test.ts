/**
 * Camera blocks as a student uses them: dragged from the robot's Sensing category, saved by real headless Blockly,
 * converted to IR and run headless in the simulator. A failure is a camera block that is missing from the toolbox,
 * reads the wrong thing, or prints something other than what the camera sees.
 */
import Blockly from 'blockly/core';
import 'blockly/blocks';
import * as En from 'blockly/msg/en';
import { beforeAll, describe, expect, it } from 'vitest';
import { runHeadless } from '../../sim/headless';
import { initPhysics } from '../../sim/world';
import { toJavaScript, toPython } from '../../codegen';
import { BLOCK_DEFINITIONS, BLOCK_MESSAGES, fromBlockly, toolboxFor } from '../index';
import { CAMERA_BLOCKS } from './camera';

beforeAll(async () => {
  Blockly.setLocale(En as unknown as Record<string, string>);
  Object.assign(Blockly.Msg, BLOCK_MESSAGES.en);
  Blockly.common.defineBlocksWithJsonArray(BLOCK_DEFINITIONS as unknown as object[]);
  await initPhysics();
});

type State = Record<string, unknown>;
const print = (value: State, next?: State): State => ({ type: 'text_print', inputs: { TEXT: { block: value } }, ...(next ? { next: { block: next } } : {}) });

describe('camera blocks', () => {
  it('sit in the robot toolbox (Sensing) with a tag-number shadow, and not in the drone or sensor-kit toolboxes', () => {
    const sensing = toolboxFor('robot').contents.find((c) => c.toolboxitemid === 'sensing')!;
    const types = sensing.contents!.map((b) => b.type);
    for (const spec of CAMERA_BLOCKS) expect(types).toContain(spec.type);
    expect(sensing.contents!.find((b) => b.type === 'robot_camera_tag_seen')!.inputs).toEqual({ ID: { shadow: { type: 'math_number', fields: { NUM: 1 } } } });
    for (const kit of ['drone', 'sensorkit'] as const) {
      const all = toolboxFor(kit).contents.flatMap((c) => c.contents ?? []).map((b) => b.type);
      expect(all.filter((t) => t.startsWith('robot_camera_'))).toEqual([]);
    }
  });

  it('print what the camera sees at the sorting table start: the green cube on the left, tag 3, no cat', async () => {
    const ws = new Blockly.Workspace();
    Blockly.serialization.workspaces.load({
      blocks: { languageVersion: 0, blocks: [{
        type: 'event_when_started', id: 'h', next: { block: print(
          { type: 'robot_camera_blob_x', fields: { COLOUR: 'green' } },
          print({ type: 'robot_camera_tag_seen', inputs: { ID: { shadow: { type: 'math_number', fields: { NUM: 3 } } } } },
            print({ type: 'robot_camera_object_seen', fields: { CLASS: 'cat' } },
              print({ type: 'robot_camera_blob_size', fields: { COLOUR: 'yellow' } },
                print({ type: 'robot_camera_line_position' })))),
        ) },
      }] },
    }, ws);
    const json = Blockly.serialization.workspaces.save(ws);
    ws.dispose();
    const { program, diagnostics } = fromBlockly(json, 'robot');
    expect(diagnostics).toEqual([]);
    const s = await runHeadless({ program, arenaId: 'sorting-table', seed: 1, seconds: 1 });
    const logs = s.events.flatMap((e) => (e.type === 'log' ? [e.text] : []));
    // x of the largest green blob (the cube at (0.8, 0.8), left of centre); tag 3 is on the blue cube ahead right;
    // the cat figure is far off to the left; nothing yellow ahead (-1); no line on this table (0).
    expect(logs).toEqual(['32', 'true', 'false', '-1', '0']);
    // The code view names each reading (not just "camera").
    const js = toJavaScript(program), py = toPython(program);
    for (const name of ['cameraBlobX("green")', 'cameraTagSeen(3)', 'cameraObjectSeen("cat")', 'cameraLinePosition()']) {
      expect(js).toContain(`robot.${name}`);
      expect(py).toContain(`robot.${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`);
    }
  });
});
