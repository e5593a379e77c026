// @vitest-environment jsdom
/**
 * "Predict y from x" in the regression picture: the student types an x and sees the y the line predicts, marked on
 * the line (the same answer the predict block gives for a line model). Real strings, jsdom.
 *
 * What a student would notice if it failed: no way to ask the line in the panel, a y that is not on the drawn line,
 * or a typo silently read as 0.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadPredictor, trainModel } from '../../../../core/ai/models';
import type { Dataset } from '../../../../core/ai/contracts';
import { createRandom } from '../../../../core/runtime/random';
import { render, typeInto, type Rendered } from '../test-render';
import { RegressionPicture } from './RegressionPicture';

let view: Rendered | null = null;
afterEach(() => {
  view?.unmount();
  view = null;
});

const points = [{ x: 0, y: 1 }, { x: 1, y: 3.2 }, { x: 2, y: 4.8 }, { x: 3, y: 7.1 }];

describe('regression picture: predict y from x', () => {
  it('starts at the mean x, answers a typed x with the y on the line and marks it there', () => {
    view = render(<RegressionPicture points={points} slope={2} intercept={1} xLabel="温度" yLabel="y" />);
    expect((view.one('regression-x') as HTMLInputElement).value).toBe('1.5');
    expect(view.one('regression-y').textContent).toBe('the line predicts y = 4');
    typeInto(view.one('regression-x') as HTMLInputElement, '10');
    expect(view.one('regression-y').textContent).toBe('the line predicts y = 21');
    // The marker sits on the drawn line: same direction from the line's start as the line's end.
    const line = view.one('regression-line');
    const q = view.one('regression-query');
    const [x1, y1, x2, y2] = ['x1', 'y1', 'x2', 'y2'].map((a) => Number(line.getAttribute(a)));
    const [qx, qy] = [Number(q.getAttribute('cx')), Number(q.getAttribute('cy'))];
    expect(Math.abs((x2! - x1!) * (qy - y1!) - (y2! - y1!) * (qx - x1!))).toBeLessThan(1e-6 * Math.hypot(x2! - x1!, y2! - y1!) * 100);
  });

  it('a typo is refused in Chinese and nothing is marked', () => {
    view = render(<RegressionPicture points={points} slope={2} intercept={1} xLabel="x" yLabel="y" />, 'zh-CN');
    typeInto(view.one('regression-x') as HTMLInputElement, '1O');
    expect(view.one('regression-x-error').textContent).toBe('x 需要是一个数。');
    expect(view.all('regression-query')).toHaveLength(0);
    expect(view.all('regression-y')).toHaveLength(0);
  });

  it('gives the answer the predict block gives for a trained line model', () => {
    const d: Dataset = { id: 'd', name: 'd', features: ['x'], samples: points.map((p) => ({ values: [p.x], label: String(p.y) })) };
    const model = { id: 'm', ...trainModel('linear', 'line', d, {}, createRandom(1)) };
    const predictor = loadPredictor(model);
    const state = model.state as { slope: number; intercept: number };
    view = render(<RegressionPicture points={points} slope={state.slope} intercept={state.intercept} xLabel="x" yLabel="y" />);
    typeInto(view.one('regression-x') as HTMLInputElement, '7');
    expect(view.one('regression-y').textContent).toBe(`the line predicts y = ${Math.round(Number(predictor.predict([7]).value) * 1000) / 1000}`);
  });
});
