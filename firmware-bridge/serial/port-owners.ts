/**
 * One owner per serial port inside this process: a second driver (the robot connection, a Firmata board, a serial
 * monitor) asking for a port that is already claimed gets the owner's name instead of a half-working port. Other
 * programs are kept out by serialport's exclusive lock (`lock: true`, the default), reported as `error.busy`.
 * Paths are compared after resolving symlinks (`/tmp/robot` → `/dev/pts/3`, `/dev/serial/by-id/…` → `/dev/ttyACM0`).
 */
import { realpathSync } from 'node:fs';

const owners = new Map<string, string>();

function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path; // not there (yet): compare as typed; opening will say it is missing
  }
}

/** The owner's name when `path` is claimed, else null. */
export function portOwner(path: string): string | null {
  return owners.get(canonical(path)) ?? null;
}

/** Claims `path` for `owner`; returns the release function, or null when someone else holds it. */
export function claimPort(path: string, owner: string): (() => void) | null {
  const key = canonical(path);
  if (owners.has(key)) return null;
  owners.set(key, owner);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (owners.get(key) === owner) owners.delete(key);
  };
}
