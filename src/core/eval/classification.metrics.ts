/**
 * Scores for single-label classification: accuracy, per-class precision/recall/F1 with their macro
 * average, and a confusion matrix. Pure functions over parallel arrays of gold and predicted labels.
 */
import { assertPaired, MetricInputError } from './metric-input.error.ts';

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  /** Number of gold items of this class. */
  support: number;
}

export interface MacroF1Result {
  /** Unweighted mean of per-class F1 over `classes`. */
  macroF1: number;
  perClass: Record<string, ClassScores>;
}

export interface ConfusionMatrix {
  classes: string[];
  /** matrix[i][j] = items whose gold class is classes[i] and predicted class is classes[j]. */
  matrix: number[][];
}

/** Share of items whose prediction equals the gold label. */
export function accuracy(gold: readonly string[], predicted: readonly string[]): number {
  assertPaired('accuracy', gold, predicted);
  let correct = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) correct++;
  return correct / gold.length;
}

/**
 * Per-class precision = TP/(TP+FP), recall = TP/(TP+FN), F1 = 2PR/(P+R), and their macro average
 * (every class weighs the same, whatever its support). A ratio with a zero denominator is 0, as in
 * scikit-learn's zero_division=0: a class never predicted has precision 0, and F1 0 if also missed.
 *
 * `classes` defaults to the sorted union of gold and predicted labels (scikit-learn's default), so a
 * predicted label absent from gold counts as a class with F1 0. When given, exactly those classes
 * are averaged; a prediction outside them still counts as a miss for the gold class.
 */
export function macroF1(
  gold: readonly string[],
  predicted: readonly string[],
  classes?: readonly string[],
): MacroF1Result {
  assertPaired('macroF1', gold, predicted);
  const labels = checkClasses('macroF1', classes ?? unionSorted(gold, predicted));
  const counts = new Map(labels.map((label) => [label, { tp: 0, fp: 0, fn: 0, support: 0 }]));
  for (let i = 0; i < gold.length; i++) {
    const g = counts.get(gold[i] as string);
    const p = counts.get(predicted[i] as string);
    if (g) g.support++;
    if (gold[i] === predicted[i]) {
      if (g) g.tp++;
    } else {
      if (g) g.fn++;
      if (p) p.fp++;
    }
  }
  const perClass: Record<string, ClassScores> = {};
  let sum = 0;
  for (const [label, c] of counts) {
    const precision = ratio(c.tp, c.tp + c.fp);
    const recall = ratio(c.tp, c.tp + c.fn);
    const f1 = ratio(2 * precision * recall, precision + recall);
    perClass[label] = { precision, recall, f1, support: c.support };
    sum += f1;
  }
  return { macroF1: sum / labels.length, perClass };
}

/**
 * Counts gold × predicted pairs. `classes` defaults to the sorted union of all labels; when given,
 * every gold and predicted label must be one of them (otherwise the matrix could not hold it).
 */
export function confusionMatrix(
  gold: readonly string[],
  predicted: readonly string[],
  classes?: readonly string[],
): ConfusionMatrix {
  assertPaired('confusionMatrix', gold, predicted);
  const labels = checkClasses('confusionMatrix', classes ?? unionSorted(gold, predicted));
  const index = new Map(labels.map((label, i) => [label, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  for (let i = 0; i < gold.length; i++) {
    const row = index.get(gold[i] as string);
    const column = index.get(predicted[i] as string);
    if (row === undefined || column === undefined) {
      const unknown = row === undefined ? `gold label "${gold[i]}"` : `predicted label "${predicted[i]}"`;
      throw new MetricInputError(
        `confusionMatrix: ${unknown} (item ${i}) is not one of the classes ${labels.join(', ')}`,
      );
    }
    (matrix[row] as number[])[column]! += 1;
  }
  return { classes: labels, matrix };
}

/**
 * Renders the matrix as an aligned text table: one row per gold class, one column per predicted
 * class, with each row's total and recall at the end so that misreadings stand out.
 */
export function formatConfusionMatrix(cm: ConfusionMatrix): string {
  const corner = 'gold \\ predicted';
  const header = [corner, ...cm.classes, 'total', 'recall'];
  const rows = cm.matrix.map((counts, i) => {
    const total = counts.reduce((a, b) => a + b, 0);
    const recall = total === 0 ? '-' : ((counts[i] ?? 0) / total).toFixed(3);
    return [cm.classes[i] ?? '', ...counts.map(String), String(total), recall];
  });
  const widths = header.map((cell, c) => Math.max(cell.length, ...rows.map((row) => (row[c] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

function unionSorted(gold: readonly string[], predicted: readonly string[]): string[] {
  return [...new Set([...gold, ...predicted])].sort();
}

function checkClasses(what: string, classes: readonly string[]): string[] {
  if (classes.length === 0) throw new MetricInputError(`${what}: the class list is empty`);
  if (new Set(classes).size !== classes.length)
    throw new MetricInputError(`${what}: the class list repeats a class`);
  return [...classes];
}
