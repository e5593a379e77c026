/**
 * "Nothing is sent beyond the LAN": the class server answers only loopback, private (RFC 1918), link-local and IPv6
 * unique-local addresses. A school LAN is one of these; a request from anywhere else is refused before routing.
 */
import { BlockList, isIPv4 } from 'node:net';

const lan = new BlockList();
lan.addSubnet('127.0.0.0', 8, 'ipv4');
lan.addSubnet('10.0.0.0', 8, 'ipv4');
lan.addSubnet('172.16.0.0', 12, 'ipv4');
lan.addSubnet('192.168.0.0', 16, 'ipv4');
lan.addSubnet('169.254.0.0', 16, 'ipv4');
lan.addAddress('::1', 'ipv6');
lan.addSubnet('fc00::', 7, 'ipv6');
lan.addSubnet('fe80::', 10, 'ipv6');

/** True for an address on this computer or the local network. */
export function isLanAddress(address: string | undefined): boolean {
  if (!address) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const plain = mapped ? mapped[1]! : address.replace(/%.*$/, '');
  return isIPv4(plain) ? lan.check(plain, 'ipv4') : lan.check(plain, 'ipv6');
}
