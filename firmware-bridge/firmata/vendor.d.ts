// Types for johnny-five 2.1 and firmata-io 2.3 (neither ships any): only what firmata/ uses.
declare module 'firmata-io' {
  import type { EventEmitter } from 'node:events';

  /** Anything with serialport's stream shape: `write`, and `data` / `open` / `close` / `error` events. */
  export interface FirmataTransport extends EventEmitter {
    write(data: Buffer, callback?: (err?: Error | null) => void): unknown;
  }

  export interface FirmataOptions {
    /** ms to wait for the board's unasked version report before asking for it (default 5000). */
    reportVersionTimeout?: number;
    samplingInterval?: number;
    skipCapabilities?: boolean;
  }

  export class Firmata extends EventEmitter {
    constructor(transport: FirmataTransport, options?: FirmataOptions, callback?: (err?: Error) => void);
    readonly isReady: boolean;
    readonly firmware: { name?: string; version?: { major: number; minor: number } };
    readonly version: { major?: number; minor?: number };
    readonly pins: { supportedModes: number[]; analogChannel: number; value?: number; report?: number }[];
    readonly analogPins: number[];
    readonly transport: FirmataTransport;
    digitalWrite(pin: number, value: 0 | 1): void;
    pinMode(pin: number, mode: number): void;
    setSamplingInterval(ms: number): void;
    reset(): void;
  }

  const bindTransport: ((transport: unknown) => typeof Firmata) & { Firmata: typeof Firmata };
  export default bindTransport;
}

declare module 'johnny-five' {
  import type { EventEmitter } from 'node:events';

  export interface BoardOptions {
    io: unknown;
    repl?: boolean;
    debug?: boolean;
    /** Default true: johnny-five then exits the process on SIGINT. Always false in the app. */
    sigint?: boolean;
    timeout?: number;
  }
  export class Board extends EventEmitter {
    constructor(options: BoardOptions);
    readonly isReady: boolean;
    readonly io: unknown;
  }
  type PinId = number | string;
  export class Motor {
    constructor(options: { board: Board; pins: { pwm: number; dir: number; cdir?: number }; invertPWM?: boolean });
    forward(speed: number): void;
    reverse(speed: number): void;
    stop(): void;
  }
  export class Led {
    constructor(options: { board: Board; pin: PinId });
    on(): void;
    off(): void;
    stop(): void;
  }
  export namespace Led {
    class RGB {
      constructor(options: { board: Board; pins: { red: number; green: number; blue: number }; isAnode?: boolean });
      color(hex: string): void;
      off(): void;
    }
  }
  export class Sensor extends EventEmitter {
    constructor(options: { board: Board; pin: PinId; freq?: number; threshold?: number });
    readonly value: number;
    disable(): void;
  }
  export class Pin {
    constructor(options: { board: Board; pin: PinId; type?: 'digital' | 'analog'; mode?: number });
    high(): void;
    low(): void;
    read(cb: (err: Error | null, value: number) => void): void;
  }
  export class Button extends EventEmitter {
    constructor(options: { board: Board; pin: PinId; isPullup?: boolean; invert?: boolean });
    readonly isDown: boolean;
  }
  export class Servo {
    constructor(options: { board: Board; pin: PinId; startAt?: number });
    to(deg: number): void;
  }
}
