// AI-lab sensor-kit firmware: the line protocol of firmware-bridge/line/PROTOCOL.md (version 1.0.0, section "Sensor
// kit") at 115200 8N1. Same framing, handshake, command ids and watchdog as the robot firmware (../ailab-robot); the
// banner names `ailab-kit`, and sensor frames are `K` lines of RAW readings: the host owns the calibrations (data),
// so a kit with other modules needs no new firmware. Wiring: board-pins.h.
//
// - Sound: the loudest ADC reading since the last frame (the envelope is sampled every loop), so a clap between two
//   frames is not missed.
// - No display (TEXT answers ERR CAP), no motors (M, DRIVE, TURN answer ERR CAP).
// - Watchdog: when no readable host line arrived for 500 ms while the LED is lit or a tone plays, the LED goes off and
//   the tone stops (EV CANCEL for it), then EV WATCHDOG: an alarm left on by a host that hung or was unplugged ends.
#include <Arduino.h>
#include <stdlib.h>
#include <string.h>
#include "board-pins.h"

static const char BANNER[] = "VER ailab-kit 1.0.0 uno LED TONE TEMP HUM LIGHT SOUND PIR KNOB BTN\n";
static const unsigned long WATCHDOG_MS = 500;
static const uint8_t MAX_LINE = 128;  // bytes counting the '\n'
static const int FRAME_MAX = 48;      // longest "K ..." line: 8 fields at their widest (43 bytes)

static char lineBuf[MAX_LINE];
static uint8_t lineLen = 0;
static bool skipping = false;  // an overlong line is dropped up to the next '\n'

static unsigned long lastHostMs = 0;
static bool ledOn = false;

static uint16_t toneId = 0;
static bool toneActive = false;
static unsigned long toneStartMs = 0, toneDurationMs = 0;

static uint8_t rateHz = 0;
static unsigned long framePeriodUs = 0, nextFrameUs = 0;
static uint16_t soundPeak = 0;

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
static void endTone(bool done) {
  if (!toneActive) return;
  noTone(PIN_BUZZER);
  toneActive = false;
  sendIdLine(done ? "EV DONE" : "EV CANCEL", toneId, nullptr);
}

static uint8_t hexNibble(char c) { return c <= '9' ? c - '0' : c - 'a' + 10; }

static void setLed(uint8_t r, uint8_t g, uint8_t b) {
  analogWrite(PIN_LED_R, r);
  analogWrite(PIN_LED_G, g);
  digitalWrite(PIN_LED_B, b >= 128 ? HIGH : LOW);
  ledOn = r != 0 || g != 0 || b >= 128;
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

// The robot's verbs, so a kit answers the motor ones with CAP (not VERB): the host reads the same codes everywhere.
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
    case V_DRIVE:
    case V_TURN:
      return sendIdLine("ERR", id, "CAP");
    case V_S:
      endTone(false);
      break;
    case V_LED:
      setLed(hexNibble(hex[0]) * 16 + hexNibble(hex[1]), hexNibble(hex[2]) * 16 + hexNibble(hex[3]), hexNibble(hex[4]) * 16 + hexNibble(hex[5]));
      break;
    case V_RATE:
      rateHz = a[0];
      framePeriodUs = rateHz ? 1000000UL / rateHz : 0;
      nextFrameUs = micros();
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
static void sendFrame(unsigned long nowMs) {
  outStart();
  outStr("K");
  outUnsigned(nowMs);
  outUnsigned(analogRead(PIN_TEMPERATURE));
  outUnsigned(analogRead(PIN_HUMIDITY));
  outUnsigned(analogRead(PIN_LIGHT));
  outUnsigned(soundPeak);
  outUnsigned(analogRead(PIN_KNOB));
  outUnsigned(digitalRead(PIN_MOTION) == HIGH);
  outUnsigned(digitalRead(PIN_BUTTON) == LOW);
  outEnd();
  soundPeak = 0;
}

// ---- main ---------------------------------------------------------------------------------------------------------
void setup() {
  pinMode(PIN_LED_R, OUTPUT);
  pinMode(PIN_LED_G, OUTPUT);
  pinMode(PIN_LED_B, OUTPUT);
  pinMode(PIN_BUZZER, OUTPUT);
  pinMode(PIN_MOTION, INPUT);
  pinMode(PIN_BUTTON, INPUT_PULLUP);
  setLed(0, 0, 0);
  Serial.begin(115200);
  // The bare '\n' ends whatever half line the host holds, so the banner after it is read whole. The banner is sent
  // once after every boot: a host that did not ask for it knows the board restarted.
  Serial.write('\n');
  Serial.write(BANNER);
}

void loop() {
  readHost();
  unsigned long nowMs = millis();
  if (toneActive && nowMs - toneStartMs >= toneDurationMs) endTone(true);
  if ((ledOn || toneActive) && nowMs - lastHostMs >= WATCHDOG_MS) {
    endTone(false);
    setLed(0, 0, 0);
    Serial.write("EV WATCHDOG\n");
  }
  uint16_t sound = analogRead(PIN_SOUND);
  if (sound > soundPeak) soundPeak = sound;
  if (rateHz > 0) {
    unsigned long nowUs = micros();
    // A frame waits while the output buffer cannot take it whole, so the loop never blocks on sending.
    if ((long)(nowUs - nextFrameUs) >= 0 && Serial.availableForWrite() >= FRAME_MAX) {
      sendFrame(nowMs);
      nextFrameUs += framePeriodUs;
      if ((long)(nowUs - nextFrameUs) >= (long)framePeriodUs) nextFrameUs = nowUs + framePeriodUs;
    }
  }
}
