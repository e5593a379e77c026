/**
 * Saving a text file from the renderer without a host call: a Blob behind a temporary link with `download`. The
 * browser saves it to Downloads; Electron asks where (its default for downloads).
 */

/** A file name from a dataset name: characters Windows forbids in names become "_", and ".csv" is added. */
export function csvFileName(name: string): string {
  const safe = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim() || 'dataset';
  return `${safe}.csv`;
}

export function downloadText(text: string, fileName: string, type: string): void {
  const blob = new Blob([text], { type });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
