/**
 * How the Tello driver reaches a drone: one small interface (text datagrams out, reply and state text in), so the
 * driver never knows whether it is Wi-Fi UDP, a serial radio dongle (later) or a test double.
 *
 * `openUdpTelloTransport` is the Wi-Fi one (node:dgram): commands go from an ephemeral local port to
 * `host:port` (8889) and replies come back to that port; the drone sends its state to port `statePort` (8890) of
 * this computer. Datagrams from any other address than `host` are ignored.
 */
import { createSocket, type Socket } from 'node:dgram';
import { isIP } from 'node:net';
import { TELLO_COMMAND_PORT, TELLO_STATE_PORT } from './protocol';

export interface TelloTransport {
  /** Where the drone is, for messages (e.g. `udp:192.168.10.1:8889`). */
  readonly address: string;
  /** Sends one command datagram (ASCII text, no line ending). Never throws; a send error is ignored (UDP is lossy
   *  anyway; the driver's timeout reports a command that got no answer). */
  send(text: string): void;
  /** Each reply datagram from the drone, decoded as text. Returns an unsubscribe function. */
  onMessage(listener: (text: string) => void): () => void;
  /** Each state datagram from the drone, decoded as text. Returns an unsubscribe function. */
  onState(listener: (text: string) => void): () => void;
  /** Closes the sockets; safe to call twice. */
  close(): Promise<void>;
}

export interface UdpTelloOptions {
  /** The drone's IP address (192.168.10.1 on its own Wi-Fi; 127.0.0.1 for the virtual Tello). */
  readonly host: string;
  /** The drone's command port (default 8889). */
  readonly port?: number;
  /** Local port the state stream arrives on (default 8890; 0 picks a free one, see `statePort` on the result). */
  readonly statePort?: number;
}

export interface UdpTelloTransport extends TelloTransport {
  /** The local port the state stream is received on. */
  readonly statePort: number;
  /** The local port commands are sent from. */
  readonly localPort: number;
}

const LOOPBACK = /^(127\.|::1$)/;

/** Opens the two sockets. Rejects (with the socket error) when a port cannot be bound, e.g. 8890 already in use. */
export async function openUdpTelloTransport(options: UdpTelloOptions): Promise<UdpTelloTransport> {
  const { host } = options;
  const family = isIP(host);
  if (family === 0) throw new Error(`[Tello] not an IP address: ${host}`);
  const port = options.port ?? TELLO_COMMAND_PORT;
  const type = family === 6 ? 'udp6' : 'udp4';
  // On loopback listen on loopback only; a real drone sends state from its own address to this machine's Wi-Fi side.
  const bindAddress = LOOPBACK.test(host) ? host : family === 6 ? '::' : '0.0.0.0';
  const cmd = createSocket(type);
  const state = createSocket(type);
  const messageListeners = new Set<(text: string) => void>();
  const stateListeners = new Set<(text: string) => void>();
  const fromDrone = (addr: string) => addr === host || addr === `::ffff:${host}`;
  cmd.on('message', (buf, rinfo) => {
    if (!fromDrone(rinfo.address)) return;
    const text = buf.toString('latin1');
    for (const l of [...messageListeners]) l(text);
  });
  state.on('message', (buf, rinfo) => {
    if (!fromDrone(rinfo.address)) return;
    const text = buf.toString('latin1');
    for (const l of [...stateListeners]) l(text);
  });
  // Errors after binding (e.g. ICMP port unreachable on some systems) must not crash the process.
  cmd.on('error', () => {});
  state.on('error', () => {});
  try {
    await bind(cmd, 0, bindAddress);
    await bind(state, options.statePort ?? TELLO_STATE_PORT, bindAddress);
  } catch (err) {
    cmd.close();
    state.close();
    throw err;
  }
  let closed = false;
  return {
    address: `udp:${host}:${port}`,
    statePort: state.address().port,
    localPort: cmd.address().port,
    send(text) {
      if (closed) return;
      try {
        cmd.send(Buffer.from(text, 'latin1'), port, host, () => {});
      } catch {
        // Socket closing under us: the driver's timeout reports the command.
      }
    },
    onMessage(listener) {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      messageListeners.clear();
      stateListeners.clear();
      await Promise.all([closeSocket(cmd), closeSocket(state)]);
    },
  };
}

function bind(socket: Socket, port: number, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    socket.once('error', onError);
    socket.bind(port, address, () => {
      socket.off('error', onError);
      resolve();
    });
  });
}

function closeSocket(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    try {
      socket.close(() => resolve());
    } catch {
      resolve();
    }
  });
}
