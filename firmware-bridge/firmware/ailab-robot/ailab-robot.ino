// AI-lab robot firmware: speaks the line protocol of firmware-bridge/line/PROTOCOL.md (version 1.0.0) at 115200 8N1.
// The host reference for every reply is firmware-bridge/line/fake-board.ts; the tests run this sketch in avr8js and
// compare. Kit wiring: board-pins.h.
//
// What this build measures and how:
// - DRIVE is timed (no wheel encoders): 4 mm/s per % of speed, the model the host's timeouts assume. With the gyro
//   it is also kept straight (the wheels steer against any turn off course).
// - TURN and the heading: with the I2C gyro add-on (MPU-6050 at 0x68) the heading integrates the gyro's Z rate and a
//   TURN ends when the gyro says the robot has turned that far (closed loop). Without it a TURN is timed at
//   1.8 deg/s per % and the heading is dead-reckoned from turns.
// - Colour: with the I2C colour add-on (TCS34725 at 0x29) r g b are its red/green/blue counts scaled so a white card
//   reads 255; without it they are 0 0 0.
// - The add-ons are probed once at boot and listed in the banner (RGB, GYRO) only when they answer. They sit on
//   A4/A5 (SDA/SCL), the buttons' pins on the basic kit, so a board with an add-on has no buttons (no BTN; 0 0).
// - Ultrasonic: a trigger every 60 ms; the echo width is timed by the INT0 interrupt, so the loop never blocks.
// - Line sensors, light: ADC. No display (TEXT answers ERR CAP).
// - Motors stop when no readable host line arrived for 500 ms while they run (EV WATCHDOG).
#include <Arduino.h>
#include <stdlib.h>
#include <string.h>
#include <Wire.h>
#include "board-pins.h"

// The banner is put together at boot from what answered: head, then " RGB" / " GYRO", " BUMP", " BTN" (no add-on).
static const char BANNER_HEAD[] = "VER ailab-robot 1.0.0 uno M DRIVE TURN LED TONE US LINE3 LIGHT";
static char banner[96];
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
static int8_t motionPower = 0;  // the wheels' power for the current DRIVE (negative = backwards)
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

// ---- I2C add-ons (colour sensor, gyro) ----------------------------------------------------------------------------
// TCS34725 (datasheet register map): a command byte (bit 7 set; 0x20 = auto-increment) selects the register.
static const uint8_t TCS_ADDR = I2C_COLOUR_ADDR;
static const uint8_t TCS_CMD = 0x80, TCS_AUTO_INC = 0x20;
static const uint8_t TCS_ENABLE = 0x00, TCS_ATIME = 0x01, TCS_CONTROL = 0x0f, TCS_ID = 0x12, TCS_STATUS = 0x13;
static const uint8_t TCS_PON = 0x01, TCS_AEN = 0x02, TCS_AVALID = 0x01;
// 10 integration cycles (24 ms, full scale 10240 counts) at 4x gain.
static const uint8_t TCS_ATIME_24MS = 0xf6, TCS_GAIN_4X = 0x01;
static const unsigned long COLOUR_PERIOD_MS = 25;
// Counts a white card gives on each of R, G, B at those settings under the kit's skirt (calibration of the kit; the
// emulator's sensor model gives the same).
static const unsigned long WHITE_COUNTS = 2000;
// MPU-6050 (register map): the first byte written is the register, bursts count up.
static const uint8_t MPU_ADDR = I2C_GYRO_ADDR;
// SMPLRT_DIV (0x19), CONFIG (0x1a) and GYRO_CONFIG (0x1b) follow each other and are written in one burst.
static const uint8_t MPU_SMPLRT_DIV = 0x19, MPU_GYRO_ZOUT_H = 0x47;
static const uint8_t MPU_PWR_MGMT_1 = 0x6b, MPU_WHO_AM_I = 0x75;
// +-500 deg/s full scale (a turn at 100 % is 180 deg/s): 65.5 LSB per deg/s. Heading is kept in raw*ms:
// 65.5 * 1000 per degree = 6550 per tenth of a degree.
static const long GYRO_UNITS_PER_DDEG = 6550;
static const long GYRO_UNITS_PER_TURN = 3600L * GYRO_UNITS_PER_DDEG;
static const unsigned long GYRO_PERIOD_US = 10000;  // the chip samples at 100 Hz (SMPLRT_DIV 9, DLPF 44 Hz)
static const uint8_t GYRO_CALIBRATION_SAMPLES = 32;

static bool hasColour = false, hasGyro = false;
static uint8_t colourR = 0, colourG = 0, colourB = 0;
static unsigned long nextColourMs = 0;
static uint8_t colourFailures = 0;     // reads in a row that failed (a loose connector)
static const uint8_t COLOUR_STALE_READS = 4;  // 100 ms of failed reads: report 0 0 0 (no colour) rather than stale data
static int16_t gyroBias = 0;           // raw Z reading at rest, measured at boot
static long gyroHeading = 0;           // raw*ms, 0..GYRO_UNITS_PER_TURN-1, clockwise
static long gyroTurned = 0;            // raw*ms turned clockwise since the current TURN began
static unsigned long lastGyroUs = 0;

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
  if (motionKind == MOTION_TURN && !hasGyro) {
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
      gyroTurned = 0;
      int8_t power = amount >= 0 ? speed : -speed;
      motionPower = power;
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
      Serial.write(banner);
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

// Writes `len` bytes (the first is the register or command byte). True when every byte was acknowledged.
static bool i2cWrite(uint8_t addr, const uint8_t* bytes, uint8_t len) {
  Wire.beginTransmission(addr);
  Wire.write(bytes, len);
  return Wire.endTransmission() == 0;
}

// Selects register `reg` (already in the device's own form: TCS command byte, MPU register) and reads `len` bytes after
// a repeated START. False on a NACK, a short read or a bus timeout.
static bool i2cRead(uint8_t addr, uint8_t reg, uint8_t* out, uint8_t len) {
  Wire.beginTransmission(addr);
  Wire.write(reg);
  if (Wire.endTransmission(false) != 0) return false;
  if (Wire.requestFrom(addr, len) != len) return false;
  for (uint8_t i = 0; i < len; i++) out[i] = Wire.read();
  return true;
}

static int16_t readGyroZ(bool* ok) {
  uint8_t b[2];
  *ok = i2cRead(MPU_ADDR, MPU_GYRO_ZOUT_H, b, 2);
  return (int16_t)((uint16_t)b[0] << 8 | b[1]);
}

// Probes and sets up the add-ons. A bus held low (a pressed button where the add-on would be) times out: not fitted.
static void probeAddOns() {
  Wire.begin();
  Wire.setWireTimeout(3000, true);
  Wire.setClock(400000);  // both chips do fast mode; a 10-byte read takes 0.25 ms
  uint8_t id = 0;
  hasColour = i2cRead(TCS_ADDR, TCS_CMD | TCS_ID, &id, 1) && (id == 0x44 || id == 0x4d);
  if (hasColour) {
    const uint8_t atime[] = {TCS_CMD | TCS_ATIME, TCS_ATIME_24MS};
    const uint8_t gain[] = {TCS_CMD | TCS_CONTROL, TCS_GAIN_4X};
    const uint8_t powerOn[] = {TCS_CMD | TCS_ENABLE, TCS_PON};
    const uint8_t adcOn[] = {TCS_CMD | TCS_ENABLE, TCS_PON | TCS_AEN};
    hasColour = i2cWrite(TCS_ADDR, atime, 2) && i2cWrite(TCS_ADDR, gain, 2) && i2cWrite(TCS_ADDR, powerOn, 2);
    delay(3);  // the oscillator's 2.4 ms warm-up before the ADC may start
    hasColour = hasColour && i2cWrite(TCS_ADDR, adcOn, 2);
  }
  id = 0;
  hasGyro = i2cRead(MPU_ADDR, MPU_WHO_AM_I, &id, 1) && id == 0x68;
  if (hasGyro) {
    const uint8_t wake[] = {MPU_PWR_MGMT_1, 0x01};  // out of sleep, clock from the X gyro's PLL
    const uint8_t rate[] = {MPU_SMPLRT_DIV, 9, 0x03, 0x08};  // 100 Hz; CONFIG: 44 Hz filter; GYRO_CONFIG: +-500 deg/s
    hasGyro = i2cWrite(MPU_ADDR, wake, 2) && i2cWrite(MPU_ADDR, rate, 4);
  }
  if (hasGyro) {
    // The Z rate at rest is not 0 on a real chip (a few deg/s): average it while the robot stands still at boot.
    long sum = 0;
    bool ok = true;
    for (uint8_t i = 0; i < GYRO_CALIBRATION_SAMPLES && ok; i++) {
      delay(2);
      sum += readGyroZ(&ok);
    }
    hasGyro = ok;
    gyroBias = sum / GYRO_CALIBRATION_SAMPLES;
    lastGyroUs = micros();
  }
  if (!hasColour && !hasGyro) Wire.end();  // A4/A5 go back to the buttons
}

static void pollColour(unsigned long nowMs) {
  if (!hasColour || (long)(nowMs - nextColourMs) < 0) return;
  nextColourMs = nowMs + COLOUR_PERIOD_MS;
  // STATUS, then clear, red, green, blue (low byte first) in one burst.
  uint8_t b[9];
  if (!i2cRead(TCS_ADDR, TCS_CMD | TCS_AUTO_INC | TCS_STATUS, b, 9)) {
    if (colourFailures < COLOUR_STALE_READS && ++colourFailures == COLOUR_STALE_READS) colourR = colourG = colourB = 0;
    return;
  }
  colourFailures = 0;
  if (!(b[0] & TCS_AVALID)) return;
  uint8_t* out[3] = {&colourR, &colourG, &colourB};
  for (uint8_t i = 0; i < 3; i++) {
    unsigned long counts = (uint16_t)b[3 + 2 * i] | (uint16_t)b[4 + 2 * i] << 8;
    unsigned long scaled = (counts * 255UL + WHITE_COUNTS / 2) / WHITE_COUNTS;  // rounded
    *out[i] = scaled > 255 ? 255 : scaled;
  }
}

// With the gyro a DRIVE keeps the heading it started with: the wheels get +-5 % per degree turned off course (at most
// 30 %), the one on the outside of the drift slowed, the other sped up. Without it both wheels get the same power.
static const long STEER_PERCENT_PER_DEG = 5, STEER_MAX_PERCENT = 30;
static long clampPower(long p) { return p > 100 ? 100 : (p < -100 ? -100 : p); }
static void holdStraight() {
  long steer = gyroTurned * STEER_PERCENT_PER_DEG / (10 * GYRO_UNITS_PER_DDEG);
  if (steer > STEER_MAX_PERCENT) steer = STEER_MAX_PERCENT;
  if (steer < -STEER_MAX_PERCENT) steer = -STEER_MAX_PERCENT;
  // Turned clockwise (steer > 0): the left wheel was ahead; take power from it and give it to the right one.
  setMotors(clampPower(motionPower - steer), clampPower(motionPower + steer));
}

// A robot keeps turning for a moment after its motors stop (about rate x its lag: ~9 deg from 180 deg/s on a small
// geared robot). So over the last 20 deg of a gyro TURN the power falls in proportion to what is left, down to 15 %,
// and the robot arrives slowly enough to stop where it should.
static const long TURN_RAMP_DDEG = 200, TURN_MIN_PERCENT = 15;
static void slowBeforeTheEnd() {
  long left = labs(motionDdeg) - (motionDdeg >= 0 ? gyroTurned : -gyroTurned) / GYRO_UNITS_PER_DDEG;
  if (left >= TURN_RAMP_DDEG) return;
  long speed = labs(motionPower);
  long power = speed * (left > 0 ? left : 0) / TURN_RAMP_DDEG;
  if (power < TURN_MIN_PERCENT) power = speed < TURN_MIN_PERCENT ? speed : TURN_MIN_PERCENT;
  if (motionPower < 0) power = -power;
  setMotors(power, -power);
}

// Integrates the gyro's Z rate (anticlockwise positive on the chip, so clockwise = minus it) into the heading.
static void pollGyro() {
  if (!hasGyro) return;
  unsigned long nowUs = micros();
  unsigned long dtUs = nowUs - lastGyroUs;
  if (dtUs < GYRO_PERIOD_US) return;
  lastGyroUs = nowUs;
  if (dtUs > 50000) dtUs = 50000;  // a loop held up longer: keep the product inside a long
  bool ok;
  long rate = -((long)readGyroZ(&ok) - gyroBias);
  if (!ok) return;
  long units = rate * (long)dtUs / 1000;
  gyroTurned += units;
  gyroHeading = ((gyroHeading + units) % GYRO_UNITS_PER_TURN + GYRO_UNITS_PER_TURN) % GYRO_UNITS_PER_TURN;
  headingDdeg = gyroHeading / GYRO_UNITS_PER_DDEG;
  if (motionKind == MOTION_DRIVE) holdStraight();
  if (motionKind == MOTION_TURN) slowBeforeTheEnd();
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
  outUnsigned(colourR);
  outUnsigned(colourG);
  outUnsigned(colourB);
  outUnsigned(headingDdeg);
  outUnsigned(digitalRead(PIN_BUMPER) == LOW);
  bool buttons = !hasColour && !hasGyro;
  outUnsigned(buttons && digitalRead(PIN_BUTTON_A) == LOW);
  outUnsigned(buttons && digitalRead(PIN_BUTTON_B) == LOW);
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
  setMotors(0, 0);
  probeAddOns();
  if (!hasColour && !hasGyro) {
    pinMode(PIN_BUTTON_A, INPUT_PULLUP);
    pinMode(PIN_BUTTON_B, INPUT_PULLUP);
  }
  strcpy(banner, BANNER_HEAD);
  if (hasColour) strcat(banner, " RGB");
  if (hasGyro) strcat(banner, " GYRO");
  strcat(banner, " BUMP");
  if (!hasColour && !hasGyro) strcat(banner, " BTN");
  strcat(banner, "\n");
  attachInterrupt(digitalPinToInterrupt(PIN_US_ECHO), onEcho, CHANGE);
  Serial.begin(115200);
  // A reset can cut a line short; the bare '\n' ends whatever half line the host holds, so the banner after it is
  // read whole (the host drops the fragment as garbage). The banner is sent once after every boot: a host that did not
  // ask for it knows the board restarted.
  Serial.write('\n');
  Serial.write(banner);
}

void loop() {
  readHost();
  unsigned long nowMs = millis();
  pollGyro();
  pollColour(nowMs);
  // A gyro turn ends when the gyro has seen the whole angle; a timed one (and every drive) when its time is up.
  bool gyroTurn = motionKind == MOTION_TURN && hasGyro;
  if (gyroTurn && (motionDdeg >= 0 ? gyroTurned : -gyroTurned) >= labs(motionDdeg) * GYRO_UNITS_PER_DDEG) endMotion(true);
  // A robot held or stuck never gets there: give up when the host has given up too (3 x the timed estimate + 2 s).
  else if (gyroTurn && nowMs - motionStartMs >= 3 * motionDurationMs + 2000) endMotion(false);
  else if (motionKind != MOTION_NONE && !gyroTurn && nowMs - motionStartMs >= motionDurationMs) endMotion(true);
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
