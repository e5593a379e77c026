/**
 * Finding classes on the LAN: the class server announces `_ailab-class._tcp` by mDNS (bonjour-service); the
 * student's "Join class" dialog lists what it hears. Typing the address shown on the projector always works too
 * (some school networks block multicast).
 */
import { Bonjour } from 'bonjour-service';
import { CLASS_SERVICE_TYPE } from '../../core/contracts/classroom';
import { isLanAddress } from './lan-only';

export interface DiscoveredClass {
  readonly name: string;
  readonly classId: string;
  readonly fingerprint: string;
  /** `http://address:port/` candidates, IPv4 first. */
  readonly urls: readonly string[];
}

/** Listens for `ms` milliseconds and returns the classes heard (each once, by class id). */
export async function discoverClasses(ms = 1500): Promise<DiscoveredClass[]> {
  const bonjour = new Bonjour();
  const found = new Map<string, DiscoveredClass>();
  const browser = bonjour.find({ type: CLASS_SERVICE_TYPE }, (service) => {
    const txt = (service.txt ?? {}) as Record<string, string>;
    if (!txt.classId) return;
    // The address the announcement came from first (it reached us, so it is routable), then IPv4, then IPv6.
    const referer = (service as { referer?: { address?: string } }).referer?.address;
    const all = [...new Set([...(referer ? [referer] : []), ...(service.addresses ?? [])])];
    const addresses = all.filter(isLanAddress).sort((a, b) => Number(a !== referer) - Number(b !== referer) || Number(a.includes(':')) - Number(b.includes(':')));
    const urls = addresses.map((a) => (a.includes(':') ? `http://[${a}]:${service.port}/` : `http://${a}:${service.port}/`));
    found.set(txt.classId, { name: service.name, classId: txt.classId, fingerprint: txt.fp ?? '', urls });
  });
  await new Promise((resolve) => setTimeout(resolve, ms));
  browser.stop();
  bonjour.destroy();
  return [...found.values()];
}
