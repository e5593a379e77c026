/**
 * A cheap identity for the project's AI state, for the app's "unsaved changes" check. The app compares a key of the
 * document with the key it had when saved; serialising 10,000 samples into that key on every block change would be
 * slow, and the AI state is only ever replaced, never changed in place (panel edits and runs hand in new arrays). So
 * each datasets/models array gets a number the first time it is seen, and the key is the pair of numbers: undoing
 * back to the saved arrays gives the saved key again.
 */
const ids = new WeakMap<object, number>();
let next = 1;

function idOf(value: object): number {
  let id = ids.get(value);
  if (id === undefined) {
    id = next++;
    ids.set(value, id);
  }
  return id;
}

export function aiStateKey(project: { readonly datasets: readonly object[]; readonly models: readonly object[] }): string {
  return `${idOf(project.datasets)}:${idOf(project.models)}`;
}
