/**
 * Colours for class labels in every AI picture, so one label has one colour in the table, the balance bars, the
 * scatter, the KNN picture and the confusion matrix. A label that names a colour (red, 红, 红色 …) is drawn in that
 * colour, because students label colour readings with colour names and anything else would confuse them; other
 * labels take a palette colour by their position in the sorted label list (stable while labels do not change).
 */

/** Colour words students use as labels, zh-CN and en, mapped to a display colour. */
const NAMED: Readonly<Record<string, string>> = {
  red: '#e53935', 红: '#e53935', 红色: '#e53935',
  green: '#43a047', 绿: '#43a047', 绿色: '#43a047',
  blue: '#1e88e5', 蓝: '#1e88e5', 蓝色: '#1e88e5',
  yellow: '#f9a825', 黄: '#f9a825', 黄色: '#f9a825',
  black: '#37474f', 黑: '#37474f', 黑色: '#37474f',
  white: '#b0bec5', 白: '#b0bec5', 白色: '#b0bec5',
  orange: '#fb8c00', 橙: '#fb8c00', 橙色: '#fb8c00',
  purple: '#8e24aa', 紫: '#8e24aa', 紫色: '#8e24aa',
};

/** Colour-blind-friendly palette (Okabe–Ito order) for labels that are not colour names. */
const PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000'];

/** Display colour for `label` given all labels in the picture. */
export function labelColour(label: string, allLabels: readonly string[]): string {
  const named = NAMED[label.trim().toLowerCase()];
  if (named) return named;
  const i = allLabels.indexOf(label);
  return PALETTE[(i < 0 ? 0 : i) % PALETTE.length]!;
}

/** Colour of cluster `i` (K-means), from the same palette. */
export function clusterColour(i: number): string {
  return PALETTE[i % PALETTE.length]!;
}
