/**
 * Program IR: the typed tree every target reads (interpreter, code view, lesson checker, headless runner).
 *
 * Built from a Blockly workspace by `fromBlockly` (core/program/from-blockly.ts). Every node keeps the id of
 * the block it came from (`blockId`), so the editor can highlight the running block and show errors on it.
 * The IR is plain data (JSON-serialisable): it crosses the renderer → sim worker boundary as is.
 */

/** Kit a project targets; the toolbox and the device set follow from it. */
export type TargetKit = 'robot' | 'drone' | 'sensorkit';

/** A value at run time. Lists are arrays of values; colours are `#rrggbb` strings. */
export type Value = number | string | boolean | Value[];

export interface NodeBase {
  /** Id of the Blockly block this node came from (empty for synthesised nodes). */
  readonly blockId: string;
}

export type BinaryOp =
  | '+' | '-' | '*' | '/' | '%' | '^'
  | '==' | '!=' | '<' | '<=' | '>' | '>='
  | 'and' | 'or';

/**
 * Unary operators. Trigonometry works in degrees, as Blockly's math_trig block does: sin/cos/tan take degrees,
 * asin/acos/atan return degrees. 'pow10' is 10^x; 'ln' is the natural logarithm.
 */
export type UnaryOp =
  | 'not' | 'neg' | 'abs' | 'sqrt' | 'round' | 'floor' | 'ceil'
  | 'sin' | 'cos' | 'tan' | 'asin' | 'acos' | 'atan' | 'ln' | 'log10' | 'exp' | 'pow10';

export type Expr =
  | NodeBase & { kind: 'num'; value: number }
  | NodeBase & { kind: 'str'; value: string }
  | NodeBase & { kind: 'bool'; value: boolean }
  /** Colour literal, `#rrggbb`. */
  | NodeBase & { kind: 'colour'; value: string }
  | NodeBase & { kind: 'var'; name: string }
  | NodeBase & { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr }
  | NodeBase & { kind: 'unary'; op: UnaryOp; arg: Expr }
  /** `cond ? then : else` (Blockly logic_ternary). */
  | NodeBase & { kind: 'ternary'; cond: Expr; then: Expr; else: Expr }
  /** Seeded random integer in [min, max] (both inclusive) when both are integers, else a float. */
  | NodeBase & { kind: 'random'; min: Expr; max: Expr }
  /** Call of a user procedure that returns a value. */
  | NodeBase & { kind: 'call'; name: string; args: Expr[] }
  /**
   * Built-in pure function over values: text and list operations, math helpers.
   * `name` is a key of the runtime's builtin table (see core/runtime/builtins.ts), e.g. 'text.join',
   * 'list.length', 'list.get', 'math.constrain'.
   */
  | NodeBase & { kind: 'builtin'; name: string; args: Expr[] }
  /**
   * Device reading, e.g. 'robot.distanceCm', 'drone.heightCm', 'kit.temperatureC', 'clock.timerS'.
   * Readings come from the sample taken at the start of the tick, so every read in one tick agrees.
   */
  | NodeBase & { kind: 'read'; sensor: string; args: Expr[] }
  | AiNode;

/**
 * An AI lab operation (record a sample, train a model, predict …), used both as an expression (a reporter block such
 * as "predict with model …") and as a statement (a command block such as "record … as …"). `op` is a key of
 * `AI_OPS` (core/ai/ops.ts), which gives its argument types, result type and implementation. As a statement the
 * result is dropped.
 */
export type AiNode = NodeBase & { kind: 'ai'; op: string; args: Expr[] };

export type Stmt =
  | NodeBase & { kind: 'expr'; expr: Expr }
  | NodeBase & { kind: 'set'; name: string; value: Expr }
  | NodeBase & { kind: 'change'; name: string; by: Expr }
  | NodeBase & { kind: 'if'; branches: { cond: Expr; body: Stmt[] }[]; else: Stmt[] | null }
  | NodeBase & { kind: 'repeat'; times: Expr; body: Stmt[] }
  | NodeBase & { kind: 'forever'; body: Stmt[] }
  /** `while cond` when `until` is false; `repeat until cond` when `until` is true. */
  | NodeBase & { kind: 'while'; cond: Expr; until: boolean; body: Stmt[] }
  | NodeBase & { kind: 'for'; name: string; from: Expr; to: Expr; by: Expr; body: Stmt[] }
  | NodeBase & { kind: 'forEach'; name: string; list: Expr; body: Stmt[] }
  | NodeBase & { kind: 'break' }
  | NodeBase & { kind: 'continue' }
  /** Suspends the thread for `seconds` of device time. */
  | NodeBase & { kind: 'wait'; seconds: Expr }
  /** Suspends the thread until `cond` holds (checked once a tick). */
  | NodeBase & { kind: 'waitUntil'; cond: Expr }
  /**
   * Device command, e.g. 'robot.driveCm', 'robot.setMotors', 'drone.takeoff', 'robot.setLed'.
   * If the command table marks it blocking, the thread waits until the device reports it done.
   */
  | NodeBase & { kind: 'command'; op: string; args: Expr[] }
  /** In-place list mutation: 'list.set', 'list.insert', 'list.remove', 'list.add'. First arg is the list var. */
  | NodeBase & { kind: 'listOp'; op: string; name: string; args: Expr[] }
  | NodeBase & { kind: 'callProc'; name: string; args: Expr[] }
  | NodeBase & { kind: 'return'; value: Expr | null }
  /** Sends a message: threads whose trigger is `message` with that text start (restart if running). */
  | NodeBase & { kind: 'broadcast'; message: Expr }
  /** Writes a line to the run log (the "print" block). */
  | NodeBase & { kind: 'log'; value: Expr }
  /** Stops every thread and puts every device in its safe state. */
  | NodeBase & { kind: 'stopAll' }
  /** An AI lab operation run for its effect (record, train, clear a dataset). */
  | AiNode;

export type Trigger =
  | { kind: 'start' }
  | { kind: 'button'; button: 'A' | 'B' }
  /** Fires when the ultrasonic distance falls below `cm` (edge-triggered: once per crossing). */
  | { kind: 'obstacle'; cm: number }
  | { kind: 'message'; message: string };

export interface Script extends NodeBase {
  readonly trigger: Trigger;
  readonly body: Stmt[];
}

export interface Procedure extends NodeBase {
  readonly name: string;
  readonly params: string[];
  readonly body: Stmt[];
  /** Value returned when the body ends without a `return` (null for procedures without a result). */
  readonly result: Expr | null;
  readonly returnsValue: boolean;
}

export interface Program {
  readonly irVersion: 1;
  readonly target: TargetKit;
  /** Global variables (Blockly variables), initialised to 0. */
  readonly variables: string[];
  readonly procedures: Procedure[];
  readonly scripts: Script[];
}
