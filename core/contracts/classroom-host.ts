/**
 * Host methods and events of the classroom (spread into HOST_METHODS / HOST_EVENTS): the teacher side (PIN, start a
 * class, roster, push a unit, messages, eyes-up, hand-ins, CSV) and the student side (discover, join, progress,
 * help, hand in). The network protocol between the two hosts is ./classroom.ts; this is renderer ↔ own host.
 */
import { z } from 'zod';
import { ProjectSchema } from './project';

const StudentId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/);
const Localized = z.object({ 'zh-CN': z.string(), en: z.string() });

export const ClassStateSchema = z.object({
  classId: z.string(),
  className: z.string(),
  /** The 6-digit join code, big on the projector. */
  joinCode: z.string(),
  /** Addresses students can type (one per LAN interface). */
  urls: z.array(z.string()),
  fingerprint: z.string(),
  ended: z.boolean(),
});
export type ClassState = z.infer<typeof ClassStateSchema>;

export const RosterEntrySchema = z.object({
  id: StudentId,
  nickname: z.string(),
  connected: z.boolean(),
  unitId: z.string().nullable(),
  lessonId: z.string().nullable(),
  stepId: z.string().nullable(),
  checks: z.array(z.object({ id: z.string(), passed: z.boolean() })),
  needsHelp: z.boolean(),
  handIns: z.number().int(),
  updatedAt: z.string(),
  installs: z.record(z.string(), z.enum(['ok', 'failed'])),
});
export type RosterEntryView = z.infer<typeof RosterEntrySchema>;

export const HandInEntrySchema = z.object({
  id: z.string(),
  studentId: z.string(),
  unitId: z.string().nullable(),
  lessonId: z.string().nullable(),
  title: z.string(),
  receivedAt: z.string(),
});

export const StudentClassStatusSchema = z.object({
  joined: z.boolean(),
  className: z.string().nullable(),
  fingerprint: z.string().nullable(),
  connection: z.enum(['none', 'connecting', 'online', 'offline', 'ended', 'removed']),
  /** Messages and hand-ins waiting on disk for the teacher's host. */
  pending: z.number().int(),
  eyesUp: z.object({ locked: z.boolean(), text: z.string() }),
});

const Empty = z.object({}).strict();
/** The page's language, for messages the host words from a refusal (a bad package, a refused join). Without it the
 *  message comes in both languages, Chinese first. */
const Language = z.enum(['zh-CN', 'en']).optional();
const Pin = z.string().regex(/^\d{4,8}$/);

export const CatalogSubscriptionSchema = z.object({
  url: z.string(),
  /** The publisher's ed25519 public key (raw, base64) and its fingerprint. */
  publicKey: z.string(),
  fingerprint: z.string(),
  name: z.string().nullable(),
  lastSyncAt: z.string().nullable(),
  /** Why the last sync failed (in the page's language), null after a good one. */
  lastError: z.string().nullable(),
});

export const CatalogSyncResultSchema = z.object({
  name: z.string(),
  installed: z.array(z.string()),
  refused: z.array(z.object({ unitId: z.string(), message: Localized })),
});

const CatalogUrl = z.string().url().max(500).refine((u) => /^https?:\/\//.test(u), 'http(s) only');
const PublicKey = z.string().regex(/^[A-Za-z0-9+/]{43}=$/);

export const CLASS_METHODS = {
  // ── District catalogs: subscribe to a unit catalog URL (ailab publish); units install with the same checks ──
  'catalog.list': { params: z.object({}).strict(), result: z.array(CatalogSubscriptionSchema) },
  /** Adds (or updates) a subscription and syncs it at once. */
  'catalog.subscribe': { params: z.object({ url: CatalogUrl, publicKey: PublicKey, language: z.enum(['zh-CN', 'en']).optional() }).strict(), result: CatalogSyncResultSchema },
  'catalog.sync': { params: z.object({ url: CatalogUrl, language: z.enum(['zh-CN', 'en']).optional() }).strict(), result: CatalogSyncResultSchema },
  'catalog.unsubscribe': { params: z.object({ url: CatalogUrl }).strict(), result: z.object({}).strict() },

  // ── Teacher ──
  /** Whether a teacher PIN exists, whether this session unlocked teacher mode, and the running class. */
  'class.teacherStatus': { params: Empty, result: z.object({ pinSet: z.boolean(), unlocked: z.boolean(), state: ClassStateSchema.nullable() }) },
  /** Sets the PIN on first use, or changes it (then `currentPin` is required). */
  'class.setPin': { params: z.object({ pin: Pin, currentPin: Pin.optional() }).strict(), result: Empty },
  /** Unlocks teacher mode for this app session; repeated wrong PINs lock it for a while. */
  'class.unlock': { params: z.object({ pin: Pin }).strict(), result: Empty },
  'class.start': { params: z.object({ className: z.string().trim().min(1).max(100), language: Language }).strict(), result: ClassStateSchema },
  'class.stop': { params: Empty, result: Empty },
  'class.roster': { params: Empty, result: z.array(RosterEntrySchema) },
  /** Packs the unit (bundled or installed) with the teacher key and pushes it to every student. */
  'class.push': { params: z.object({ unitId: z.string().regex(/^[a-z0-9][a-z0-9-]{1,59}$/), language: Language }).strict(), result: z.object({ packageId: z.string(), unitVersion: z.number().int(), size: z.number().int() }) },
  'class.broadcast': { params: z.object({ text: z.string().trim().min(1).max(500) }).strict(), result: Empty },
  'class.eyesUp': { params: z.object({ locked: z.boolean(), text: z.string().max(200) }).strict(), result: Empty },
  'class.resetStudent': { params: z.object({ studentId: StudentId }).strict(), result: Empty },
  'class.end': { params: Empty, result: Empty },
  'class.handIns': { params: z.object({ studentId: StudentId.optional() }).strict(), result: z.array(HandInEntrySchema) },
  /** A hand-in's project, opened read-only in the editor. */
  'class.openHandIn': { params: z.object({ handInId: z.string().max(64) }).strict(), result: z.object({ project: ProjectSchema }) },
  /** The class record as CSV text (UTF-8 with BOM). */
  'class.exportCsv': { params: Empty, result: z.object({ csv: z.string(), fileName: z.string() }) },
  'class.exportStudent': { params: z.object({ studentId: StudentId }).strict(), result: z.object({ json: z.string(), fileName: z.string() }) },
  'class.deleteStudent': { params: z.object({ studentId: StudentId }).strict(), result: Empty },

  // ── Student ──
  'class.discover': {
    params: Empty,
    result: z.array(z.object({ name: z.string(), classId: z.string(), fingerprint: z.string(), urls: z.array(z.string()) })),
  },
  'class.join': {
    params: z.object({ url: z.string().url().max(300), joinCode: z.string().regex(/^\d{6}$/), nickname: z.string().trim().min(1).max(24), fingerprint: z.string().max(40).optional(), language: Language }).strict(),
    result: z.object({ className: z.string(), fingerprint: z.string() }),
  },
  'class.leave': { params: Empty, result: Empty },
  'class.studentStatus': { params: Empty, result: StudentClassStatusSchema },
  'class.progress': {
    params: z.object({ unitId: z.string().max(60), lessonId: z.string().max(60), stepId: z.string().max(60), checks: z.array(z.object({ id: z.string().max(60), passed: z.boolean() })).max(50) }).strict(),
    result: Empty,
  },
  'class.help': { params: z.object({ needsHelp: z.boolean() }).strict(), result: Empty },
  'class.handIn': {
    params: z.object({ title: z.string().max(200), unitId: z.string().max(60).nullable(), lessonId: z.string().max(60).nullable(), project: ProjectSchema }).strict(),
    result: z.object({ handInId: z.string() }),
  },
} as const;

export const CLASS_EVENTS = {
  /** Teacher: the roster changed (sent at most every 100 ms; the dashboard redraws from it). */
  'class.roster': z.array(RosterEntrySchema),
  /** Student: something happened in the class. */
  'class.studentEvent': z.discriminatedUnion('type', [
    z.object({ type: z.literal('connection'), state: z.enum(['connecting', 'online', 'offline', 'ended', 'removed']) }),
    z.object({ type: z.literal('message'), text: z.string() }),
    z.object({ type: z.literal('eyesUp'), locked: z.boolean(), text: z.string() }),
    z.object({ type: z.literal('reset') }),
    z.object({ type: z.literal('download'), packageId: z.string(), received: z.number(), total: z.number() }),
    z.object({ type: z.literal('installed'), packageId: z.string(), unitId: z.string(), unitVersion: z.number() }),
    z.object({ type: z.literal('installFailed'), packageId: z.string(), message: Localized }),
    z.object({ type: z.literal('delivered'), what: z.enum(['message', 'handIn']), id: z.string() }),
    z.object({ type: z.literal('handInRefused'), handInId: z.string(), message: Localized }),
  ]),
} as const;
