/**
 * The classroom protocol between the teacher's host (the class server) and each student's host, over the school LAN.
 * Every message crossing it is one of these schemas; anything else is refused.
 *
 * HTTP (JSON unless noted):
 *   GET  /class/info                        → ClassInfo (what discovery shows: name, fingerprint)
 *   POST /class/join        JoinRequest     → JoinResponse (a bearer token for this student only)
 *   GET  /class/packages/:id   (bearer)     → the signed package bytes (application/octet-stream)
 *   POST /class/handin         (bearer)     HandIn → { received: true } (idempotent by handInId)
 *   GET  /class/ws             (bearer)     WebSocket: StudentMessage up, TeacherMessage down
 * Students never see each other's work: every request is scoped to the token's student.
 */
import { z } from 'zod';

export const CLASS_SERVICE_TYPE = 'ailab-class';
export const CLASS_PROTOCOL_VERSION = 1;
/** Hand-ins are `.ailab` projects; same cap as the project file. */
export const HANDIN_MAX_BYTES = 20 * 1024 * 1024;

const Id = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/);

export const ClassInfoSchema = z.object({
  protocol: z.literal(CLASS_PROTOCOL_VERSION),
  classId: Id,
  className: z.string().max(100),
  /** Teacher key fingerprint, as the projector shows it. */
  fingerprint: z.string().max(40),
  /** The teacher's ed25519 public key (raw, base64): the student pins it after comparing the fingerprint. */
  teacherPublicKey: z.string().max(64),
});
export type ClassInfo = z.infer<typeof ClassInfoSchema>;

export const JoinRequestSchema = z
  .object({
    joinCode: z.string().regex(/^\d{6}$/),
    /** Nickname or seat number; no real names needed. */
    nickname: z.string().trim().min(1).max(24),
    /** Stable per installation, so a restarted app (or a reconnect) is the same student, not a new one. */
    clientId: Id,
  })
  .strict();
export type JoinRequest = z.infer<typeof JoinRequestSchema>;

export const JoinResponseSchema = z.object({
  studentId: Id,
  token: z.string().regex(/^[A-Za-z0-9_-]{32,128}$/),
  info: ClassInfoSchema,
});
export type JoinResponse = z.infer<typeof JoinResponseSchema>;

export const CheckResultSchema = z.object({ id: z.string().max(60), passed: z.boolean() });

export const HandInSchema = z
  .object({
    /** Chosen by the student's host; a retry with the same id is not stored twice. */
    handInId: Id,
    unitId: z.string().max(60).nullable(),
    lessonId: z.string().max(60).nullable(),
    title: z.string().max(200),
    /** The `.ailab` project (validated as a project by the teacher's host before it is opened). */
    project: z.record(z.string(), z.unknown()),
  })
  .strict();
export type HandIn = z.infer<typeof HandInSchema>;

/** Student → teacher over the WebSocket. `seq` increases per student, so a replayed queue is applied once. */
export const StudentMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), seq: z.number().int().min(0), unitId: z.string().max(60), lessonId: z.string().max(60), stepId: z.string().max(60), checks: z.array(CheckResultSchema).max(50) }).strict(),
  z.object({ type: z.literal('help'), seq: z.number().int().min(0), needsHelp: z.boolean() }).strict(),
  z.object({ type: z.literal('installed'), seq: z.number().int().min(0), packageId: Id, ok: z.boolean(), error: z.string().max(500).optional() }).strict(),
]);
export type StudentMessage = z.infer<typeof StudentMessageSchema>;
/** A student message before the queue numbers it. */
export type UnnumberedStudentMessage = StudentMessage extends infer M ? (M extends StudentMessage ? Omit<M, 'seq'> : never) : never;

/** Teacher → student over the WebSocket. */
export const TeacherMessageSchema = z.discriminatedUnion('type', [
  /** A unit to fetch from /class/packages/:packageId, verify against the pinned key and install. */
  z.object({ type: z.literal('push'), packageId: Id, unitId: z.string().max(60), unitVersion: z.number().int().min(1), size: z.number().int().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
  z.object({ type: z.literal('message'), text: z.string().max(500) }).strict(),
  /** "Eyes up": lock (or unlock) the editor with a message. */
  z.object({ type: z.literal('eyesUp'), locked: z.boolean(), text: z.string().max(200) }).strict(),
  /** The teacher reset this student's progress in the class. */
  z.object({ type: z.literal('reset') }).strict(),
  z.object({ type: z.literal('ended') }).strict(),
  /** Sent once on connect: what the teacher has recorded, so a reconnecting student resends only what is missing. */
  z.object({ type: z.literal('welcome'), lastSeq: z.number().int().min(-1), handIns: z.array(Id).max(1000) }).strict(),
  /** Student message `seq` is recorded (or was already): the student's host may drop it from its queue on disk. */
  z.object({ type: z.literal('ack'), seq: z.number().int().min(0) }).strict(),
]);
export type TeacherMessage = z.infer<typeof TeacherMessageSchema>;
