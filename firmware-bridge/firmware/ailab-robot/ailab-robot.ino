// AI-lab robot firmware: speaks the line protocol of firmware-bridge/line/PROTOCOL.md (version 1.0.0) at 115200 8N1.
// The host reference for every reply is firmware-bridge/line/fake-board.ts; the tests run this sketch in avr8js and
// compare. Kit wiring: board-pins.h.
//
// What this build measures and how:
// - DRIVE and TURN are timed (no wheel encoders or gyro fitted on the basic kit): 4 mm/s and 1.8 deg/s per % of
//   speed, the same model the host's timeouts assume. The heading in sensor frames is dead-reckoned from turns.
// - Ultrasonic: a trigger every 60 ms; the echo width is timed by the INT0 interrupt, so the loop never blocks.
// - Line sensors, light: ADC. No colour sensor (r g b are 0), no display (TEXT answers ERR CAP).
// - Motors stop when no readable host line arrived for 500 ms while they run (EV WATCHDOG).
#include <Arduino.h>
#include <stdlib.h>
#include <string.h>
#include "board-pins.h"

static const char BANNER[] = "VER ailab-robot 1.0.0 uno M DRIVE TURN LED TONE US LINE3 LIGHT BUMP BTN\n";
static const unsigned long WATCHDOG_MS = 500;
static const unsigned long US_PERIOD_MS = 60;
static const unsigned long US_TIMEOUT_US = 30000;
static const uint8_t MAX_LINE = 128;  // bytes counting the '\n'
static const int FRAME_MAX = 64;      // longest "D ..." line: 11 fields at their widest

// ---- host line reader ---------------------------------------------------------------------------------------------
static char lineBuf[MAX_LINE];
static uint8_t lineLen = 0;
static bool skipping = false;  // an overlong line is dropped up to the next '\n'

// ---- state --------------------------------------------------------------------------------------------------------
static int8_t leftPower = 0, rightPower = 0;
static unsigned long lastHostMs = 0;

enum MotionKind : uint8_t { MOTION_NONE, MOTION_DRIVE, MOTION_TURN };
static MotionKind motionKind = MOTION_NONE;
static uint16_t motionId = 0;
static unsigned long motionStartMs = 0, motionDurationMs = 0;
static long motionDdeg = 0;
static long headingDdeg = 0;  // 0..3599

static uint16_t toneId = 0;
static bool toneActive = false;
static unsigned long toneStartMs = 0, toneDurationMs = 0;

static uint8_t rateHz = 0;
static unsigned long framePeriodUs = 0, nextFrameUs = 0;

static volatile unsigned long echoStartUs = 0, echoWidthUs = 0;
static volatile bool echoDone = false;
static bool usWaiting = false;
static unsigned long usTriggerMs = 0, usTriggerUs = 0;
static uint16_t distMm = 0;

// ---- output -------------------------------------------------------------------------------------------------------
static char outBuf[64];
static uint8_t outLen;

static void outStart() { outLen = 0; }
static void outStr(const char* s) {
  while (*s && outLen < sizeof(outBuf) - 2) outBuf[outLen++] = *s++;
}
static void outUnsigned(unsigned long v) {
  char digits[11];
  ultoa(v, digits, 10);
  outStr(" ");
  outStr(digits);
}
static void outEnd() {
  outBuf[outLen++] = '\n';
  Serial.write(reinterpret_cast<const uint8_t*>(outBuf), outLen);
}

static void sendIdLine(const char* head, uint16_t id, const char* tail) {
  outStart();
  outStr(head);
  outUnsigned(id);
  if (tail) {
    outStr(" ");
    outStr(tail);
  }
  outEnd();
}

// ---- actuators ----------------------------------------------------------------------------------------------------
static void applyMotor(uint8_t pwmPin, uint8_t dirPin, int8_t power) {
  digitalWrite(dirPin, power >= 0 ? HIGH : LOW);
  analogWrite(pwmPin, (uint16_t)abs(power) * 255 / 100);
}

static void setMotors(int8_t left, int8_t right) {
  leftPower = left;
  rightPower = right;
  applyMotor(PIN_LEFT_PWM, PIN_LEFT_DIR, left);
  applyMotor(PIN_RIGHT_PWM, PIN_RIGHT_DIR, right);
}

static long wrapHeading(long ddeg) { return ((ddeg % 3600) + 3600) % 3600; }

// Ends a drive/turn: DONE when it ran its full time, CANCEL when replaced. A cancelled turn keeps the part it made.
static void endMotion(bool done) {
  if (motionKind == MOTION_NONE) return;
  if (motionKind == MOTION_TURN) {
    unsigned long elapsed = millis() - motionStartMs;
    long made = done || motionDurationMs == 0 ? motionDdeg : (long)((float)motionDdeg * elapsed / motionDurationMs);
    headingDdeg = wrapHeading(headingDdeg + made);
  }
  sendIdLine(done ? "EV DONE" : "EV CANCEL", motionId, nullptr);
  motionKind = MOTION_NONE;
  setMotors(0, 0);
}

static void endTone(bool done) {
  if (!toneActive) return;
  noTone(PIN_BUZZER);
  toneActive = false;
  sendIdLine(done ? "EV DONE" : "EV CANCEL", toneId, nullptr);
}

static uint8_t hexNibble(char c) { return c <= '9' ? c - '0' : c - 'a' + 10; }

static void setLed(const char* hex) {
  uint8_t r = hexNibble(hex[0]) * 16 + hexNibble(hex[1]);
  uint8_t g = hexNibble(hex[2]) * 16 + hexNibble(hex[3]);
  uint8_t b = hexNibble(hex[4]) * 16 + hexNibble(hex[5]);
  analogWrite(PIN_LED_R, r);
  analogWrite(PIN_LED_G, g);
  digitalWrite(PIN_LED_B, b >= 128 ? HIGH : LOW);
}

// ---- parsing (the rules of codec.ts parseHostLine) -----------------------------------------------------------------

// One integer as PROTOCOL.md allows: optional '-', no '+', no leading zeros, at most 10 digits.
static bool parseInteger(const char* s, long* out) {
  bool negative = false;
  if (*s == '-') {
    negative = true;
    s++;
  }
  uint8_t n = strlen(s);
  if (n == 0 || n > 10 || (s[0] == '0' && n > 1)) return false;
  unsigned long v = 0;
  for (uint8_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  if (v > 2147483647UL) return false;  // outside every range anyway
  *out = negative ? -(long)v : (long)v;
  return true;
}

// Splits `rest` on runs of spaces into at most `max` fields (in place). Returns the count, or max + 1 if more.
static uint8_t splitFields(char* rest, char** fields, uint8_t max) {
  uint8_t n = 0;
  char* p = rest;
  while (*p) {
    while (*p == ' ') p++;
    if (!*p) break;
    if (n == max) return max + 1;
    fields[n++] = p;
    while (*p && *p != ' ') p++;
    if (*p) *p++ = '\0';
  }
  return n;
}

static bool inRange(long v, long lo, long hi) { return v >= lo && v <= hi; }

static bool isHexLower(const char* s) {
  if (strlen(s) != 6) return false;
  for (uint8_t i = 0; i < 6; i++) {
    char c = s[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

enum Verb : uint8_t { V_M, V_S, V_LED, V_TONE, V_RATE, V_PING, V_DRIVE, V_TURN, V_TEXT, V_UNKNOWN };
static const char* const VERBS[] = {"M", "S", "LED", "TONE", "RATE", "PING", "DRIVE", "TURN", "TEXT"};
static const int8_t VERB_ARGS[] = {2, 0, 1, 2, 1, 0, 2, 2, -1};

static Verb lookupVerb(const char* s) {
  for (uint8_t i = 0; i < V_UNKNOWN; i++)
    if (strcmp(s, VERBS[i]) == 0) return (Verb)i;
  return V_UNKNOWN;
}

static void runCommand(uint16_t id, Verb verb, long* a, const char* hex) {
  switch (verb) {
    case V_M:
      endMotion(false);
      setMotors(a[0], a[1]);
      break;
    case V_S:
      endMotion(false);
      setMotors(0, 0);
      endTone(false);
      break;
    case V_LED:
      setLed(hex);
      break;
    case V_RATE:
      rateHz = a[0];
      framePeriodUs = rateHz ? 1000000UL / rateHz : 0;
      nextFrameUs = micros();
      break;
    case V_PING:
      break;
    case V_TONE:
      endTone(false);
      toneId = id;
      toneActive = true;
      toneStartMs = millis();
      toneDurationMs = a[1];
      // tone() on timer2 reaches down to 31 Hz; lower notes (and 0, a rest) are silent for their length.
      if (a[0] >= 31) tone(PIN_BUZZER, a[0]);
      else noTone(PIN_BUZZER);
      break;
    case V_DRIVE:
    case V_TURN: {
      endMotion(false);
      long amount = a[0], speed = a[1];
      // Timed model: 4 mm/s per % for drives, 18 ddeg/s per % for turns.
      unsigned long perSecond = verb == V_DRIVE ? 4 * speed : 18 * speed;
      motionKind = verb == V_DRIVE ? MOTION_DRIVE : MOTION_TURN;
      motionId = id;
      motionStartMs = millis();
      motionDurationMs = (unsigned long)labs(amount) * 1000UL / perSecond;
      motionDdeg = verb == V_TURN ? amount : 0;
      int8_t power = amount >= 0 ? speed : -speed;
      if (verb == V_DRIVE) setMotors(power, power);
      else setMotors(power, -power);
      break;
    }
    default:
      break;
  }
  sendIdLine("ACK", id, nullptr);
}

// A readable line feeds the watchdog; garbage does not. Lines starting with a digit whose id cannot be read get
// "ERR 0 PARSE"; other garbage gets nothing.
static void handleLine(char* line, uint8_t len) {
  for (uint8_t i = 0; i < len; i++) {
    if (line[i] < 0x20 || line[i] > 0x7e) {
      if (line[0] >= '0' && line[0] <= '9') Serial.write("ERR 0 PARSE\n");
      return;
    }
  }
  char* p = line;
  while (*p == ' ') p++;
  if (*p == '\0') return;
  if (strncmp(p, "HELLO", 5) == 0) {
    const char* q = p + 5;
    while (*q == ' ') q++;
    if (*q == '\0') {
      lastHostMs = millis();
      Serial.write(BANNER);
      return;
    }
  }
  // "<id> <VERB>[ <rest>]" with id 1..65535 written without leading zeros.
  char* idStart = p;
  uint8_t idDigits = 0;
  while (*p >= '0' && *p <= '9') {
    p++;
    idDigits++;
  }
  long id = 0;
  bool ok = idDigits >= 1 && idDigits <= 5 && *p == ' ';
  if (ok) {
    *p++ = '\0';
    ok = parseInteger(idStart, &id) && id >= 1 && id <= 65535;
  }
  while (ok && *p == ' ') p++;
  char* verbStart = p;
  while (ok && *p >= 'A' && *p <= 'Z') p++;
  ok = ok && p > verbStart && (*p == '\0' || *p == ' ');
  if (!ok) {
    if (line[0] >= '0' && line[0] <= '9') Serial.write("ERR 0 PARSE\n");
    return;
  }
  lastHostMs = millis();
  char* rest = p;
  if (*p == ' ') {
    *p = '\0';
    rest = p + 1;
  }
  Verb verb = lookupVerb(verbStart);
  if (verb == V_UNKNOWN) return sendIdLine("ERR", id, "VERB");

  if (verb == V_TEXT) {
    // Arguments first (as the reference reader does), then the capability: this board has no display.
    while (*rest == ' ') rest++;
    uint8_t n = strlen(rest);
    while (n > 0 && rest[n - 1] == ' ') n--;
    return sendIdLine("ERR", id, n <= 32 ? "CAP" : "ARG");
  }
  char* fields[3];
  uint8_t count = splitFields(rest, fields, 2);
  if (count != VERB_ARGS[verb]) return sendIdLine("ERR", id, "ARG");
  long a[2] = {0, 0};
  const char* hex = nullptr;
  bool valid = true;
  if (verb == V_LED) {
    hex = fields[0];
    valid = isHexLower(hex);
  } else {
    for (uint8_t i = 0; i < count; i++) valid = valid && parseInteger(fields[i], &a[i]);
    if (valid) {
      switch (verb) {
        case V_M: valid = inRange(a[0], -100, 100) && inRange(a[1], -100, 100); break;
        case V_TONE: valid = (a[0] == 0 || inRange(a[0], 20, 20000)) && inRange(a[1], 0, 60000); break;
        case V_RATE: valid = inRange(a[0], 0, 100); break;
        case V_DRIVE: valid = inRange(a[0], -10000, 10000) && inRange(a[1], 1, 100); break;
        case V_TURN: valid = inRange(a[0], -36000, 36000) && inRange(a[1], 1, 100); break;
        default: break;
      }
    }
  }
  if (!valid) return sendIdLine("ERR", id, "ARG");
  runCommand(id, verb, a, hex);
}

static void readHost() {
  while (Serial.available() > 0) {
    uint8_t c = Serial.read();
    if (c == '\n') {
      if (!skipping) {
        if (lineLen > 0 && lineBuf[lineLen - 1] == '\r') lineLen--;
        lineBuf[lineLen] = '\0';
        handleLine(lineBuf, lineLen);
      }
      skipping = false;
      lineLen = 0;
      continue;
    }
    if (c == 0) continue;  // line noise while a board resets
    if (skipping) continue;
    if (lineLen >= MAX_LINE - 1) {
      skipping = true;
      lineLen = 0;
      continue;
    }
    lineBuf[lineLen++] = c;
  }
}

// ---- sensors ------------------------------------------------------------------------------------------------------
static void onEcho() {
  if (digitalRead(PIN_US_ECHO) == HIGH) {
    echoStartUs = micros();
  } else {
    echoWidthUs = micros() - echoStartUs;
    echoDone = true;
  }
}

static void pollUltrasonic(unsigned long nowMs) {
  if (usWaiting) {
    bool done;
    unsigned long width;
    noInterrupts();
    done = echoDone;
    width = echoWidthUs;
    interrupts();
    if (done) {
      // Sound: 343 m/s, there and back: mm = us * 0.1715.
      unsigned long mm = width * 343UL / 2000UL;
      distMm = mm < 20 ? 20 : (mm > 4000 ? 0 : mm);
      usWaiting = false;
    } else if (micros() - usTriggerUs > US_TIMEOUT_US) {
      distMm = 0;  // no echo: nothing in range
      usWaiting = false;
    }
  }
  if (!usWaiting && nowMs - usTriggerMs >= US_PERIOD_MS) {
    usTriggerMs = nowMs;
    noInterrupts();
    echoDone = false;
    interrupts();
    digitalWrite(PIN_US_TRIG, HIGH);
    delayMicroseconds(10);
    digitalWrite(PIN_US_TRIG, LOW);
    usTriggerUs = micros();
    usWaiting = true;
  }
}

static void sendFrame(unsigned long nowMs) {
  uint8_t lineBits = 0;
  if (analogRead(PIN_LINE_0) >= LINE_DARK_THRESHOLD) lineBits |= 1;
  if (analogRead(PIN_LINE_1) >= LINE_DARK_THRESHOLD) lineBits |= 2;
  if (analogRead(PIN_LINE_2) >= LINE_DARK_THRESHOLD) lineBits |= 4;
  unsigned long light = analogRead(PIN_LIGHT);
  outStart();
  outStr("D");
  outUnsigned(nowMs);
  outUnsigned(distMm);
  outUnsigned(lineBits);
  outUnsigned(light);
  outStr(" 0 0 0");
  outUnsigned(headingDdeg);
  outUnsigned(digitalRead(PIN_BUMPER) == LOW);
  outUnsigned(digitalRead(PIN_BUTTON_A) == LOW);
  outUnsigned(digitalRead(PIN_BUTTON_B) == LOW);
  outEnd();
}

// ---- main ---------------------------------------------------------------------------------------------------------
void setup() {
  pinMode(PIN_LEFT_PWM, OUTPUT);
  pinMode(PIN_LEFT_DIR, OUTPUT);
  pinMode(PIN_RIGHT_PWM, OUTPUT);
  pinMode(PIN_RIGHT_DIR, OUTPUT);
  pinMode(PIN_US_TRIG, OUTPUT);
  pinMode(PIN_US_ECHO, INPUT);
  pinMode(PIN_BUZZER, OUTPUT);
  pinMode(PIN_LED_R, OUTPUT);
  pinMode(PIN_LED_G, OUTPUT);
  pinMode(PIN_LED_B, OUTPUT);
  pinMode(PIN_BUMPER, INPUT_PULLUP);
  pinMode(PIN_BUTTON_A, INPUT_PULLUP);
  pinMode(PIN_BUTTON_B, INPUT_PULLUP);
  setMotors(0, 0);
  attachInterrupt(digitalPinToInterrupt(PIN_US_ECHO), onEcho, CHANGE);
  Serial.begin(115200);
  // A reset can cut a line short; the bare '\n' ends whatever half line the host holds, so the banner after it is
  // read whole (the host drops the fragment as garbage). The banner is sent once after every boot: a host that did not
  // ask for it knows the board restarted.
  Serial.write('\n');
  Serial.write(BANNER);
}

void loop() {
  readHost();
  unsigned long nowMs = millis();
  if (motionKind != MOTION_NONE && nowMs - motionStartMs >= motionDurationMs) endMotion(true);
  if (toneActive && nowMs - toneStartMs >= toneDurationMs) endTone(true);
  bool moving = leftPower != 0 || rightPower != 0 || motionKind != MOTION_NONE;
  if (moving && nowMs - lastHostMs >= WATCHDOG_MS) {
    endMotion(false);
    setMotors(0, 0);
    Serial.write("EV WATCHDOG\n");
  }
  pollUltrasonic(nowMs);
  if (rateHz > 0) {
    unsigned long nowUs = micros();
    // A frame waits while the output buffer cannot take it whole, so the loop never blocks on sending (and keeps
    // reading the host); a frame that waits is late, never lost.
    if ((long)(nowUs - nextFrameUs) >= 0 && Serial.availableForWrite() >= FRAME_MAX) {
      sendFrame(nowMs);
      nextFrameUs += framePeriodUs;
      // Fell more than a period behind (a long burst of commands): restart the schedule instead of bursting frames.
      if ((long)(nowUs - nextFrameUs) >= (long)framePeriodUs) nextFrameUs = nowUs + framePeriodUs;
    }
  }
}
