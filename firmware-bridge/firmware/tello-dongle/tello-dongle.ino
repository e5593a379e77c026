// tello-dongle: an ESP32 or ESP8266 board as a USB radio dongle for a Tello drone.
// Speaks AI Lab Studio's tello-dongle line protocol 1.0 on its USB serial port (firmware-bridge/tello/DONGLE.md,
// our own protocol) and the Tello SDK's UDP datagrams on the drone's Wi-Fi. It joins the strongest open network named
// TELLO-… or RMTT-… (or TELLO_SSID below), forwards `C <text>` lines as command datagrams to 192.168.10.1:8889, and
// sends the drone's replies back as `R <text>` and its state datagrams (port 8890) as `S <text>`.
// The host-side reference behaviour is firmware-bridge/tello/dongle-emulator.ts; keep the two in step.
//
// Build with the Arduino IDE or arduino-cli (board: any ESP32 "Dev Module", or an ESP8266 such as a NodeMCU/Wemos D1
// mini). Not built in CI: the ESP toolchains are not Debian packages.

#if defined(ESP32)
#include <WiFi.h>
#elif defined(ESP8266)
#include <ESP8266WiFi.h>
#else
#error "tello-dongle needs an ESP32 or ESP8266 board"
#endif
#include <WiFiUdp.h>

// Leave empty to join the strongest TELLO-/RMTT- network; or name one drone (classrooms with several drones).
#define TELLO_SSID ""
#define TELLO_PASSWORD ""

static const char *PROTOCOL_VERSION = "1.0";
static const IPAddress TELLO_IP(192, 168, 10, 1);
static const uint16_t TELLO_COMMAND_PORT = 8889;
static const uint16_t TELLO_STATE_PORT = 8890;
static const uint16_t LOCAL_COMMAND_PORT = 9000;  // replies come back to the port commands are sent from
static const size_t MAX_LINE = 255;               // bytes before '\n' (DONGLE.md "Framing")
static const size_t MAX_PAYLOAD = 250;            // characters of SDK text in C/R/S lines
static const unsigned long JOIN_RETRY_MS = 3000;

WiFiUDP commandUdp;
WiFiUDP stateUdp;
char line[MAX_LINE + 2];
size_t lineLength = 0;
bool skipping = false;   // dropping an overlong line up to its '\n'
bool linkUp = false;
String joinedSsid;
unsigned long lastJoinAttempt = 0;

void sendBanner() {
  Serial.print("DONGLE ");
  Serial.print(PROTOCOL_VERSION);
  Serial.print(linkUp ? " up" : " down");
  if (joinedSsid.length() > 0) {
    Serial.print(' ');
    Serial.print(joinedSsid);
  }
  Serial.print('\n');
}

// One datagram as an `R`/`S` line: trailing CR/LF dropped, other non-printable bytes as '?', at most MAX_PAYLOAD.
void forwardDatagram(char tag, WiFiUDP &udp, int size) {
  static char buf[512];
  int n = udp.read(buf, sizeof(buf) - 1);
  if (n <= 0) return;
  while (n > 0 && (buf[n - 1] == '\r' || buf[n - 1] == '\n')) n--;
  if (n == 0) return;
  if (n > (int)MAX_PAYLOAD) n = MAX_PAYLOAD;
  Serial.print(tag);
  Serial.print(' ');
  for (int i = 0; i < n; i++) {
    char c = buf[i];
    Serial.print((c >= 0x20 && c <= 0x7e) ? c : '?');
  }
  Serial.print('\n');
  (void)size;
}

bool printable(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] < 0x20 || s[i] > 0x7e) return false;
  return true;
}

void handleLine(const char *s, size_t n) {
  if (n == 0) return;  // empty lines are the host's probe: ignored
  if (n == 5 && memcmp(s, "HELLO", 5) == 0) {
    sendBanner();
    return;
  }
  bool command = n >= 3 && s[0] == 'C' && s[1] == ' ' && n - 2 <= MAX_PAYLOAD && printable(s, n) && s[2] != ' ' && s[n - 1] != ' ';
  if (!command) {
    Serial.print("E unknown\n");
    return;
  }
  if (!linkUp) {
    Serial.print("E nolink\n");
    return;
  }
  commandUdp.beginPacket(TELLO_IP, TELLO_COMMAND_PORT);
  commandUdp.write((const uint8_t *)(s + 2), n - 2);
  commandUdp.endPacket();
}

void readSerial() {
  while (Serial.available() > 0) {
    int b = Serial.read();
    if (b < 0) return;
    if (b == '\n') {
      if (!skipping) {
        size_t n = lineLength;
        if (n > 0 && line[n - 1] == '\r') n--;
        handleLine(line, n);
      }
      skipping = false;
      lineLength = 0;
      continue;
    }
    if (b == 0 || skipping) continue;
    if (lineLength > MAX_LINE || (lineLength == MAX_LINE && b != '\r')) {
      Serial.print("E overlong\n");
      skipping = true;
      lineLength = 0;
      continue;
    }
    line[lineLength++] = (char)b;
  }
}

void join(const String &ssid) {
  Serial.print("# joining ");
  Serial.print(ssid);
  Serial.print('\n');
  WiFi.begin(ssid.c_str(), TELLO_PASSWORD);
  joinedSsid = ssid;
}

// Joins TELLO_SSID, or the strongest TELLO-/RMTT- network in range. The scan runs in the background (a blocking scan
// takes ~2 s, longer than the host waits for its HELLO to be answered).
void tryJoin() {
  lastJoinAttempt = millis();
  String ssid = TELLO_SSID;
  if (ssid.length() > 0) {
    join(ssid);
    return;
  }
  if (WiFi.scanComplete() == WIFI_SCAN_RUNNING) return;
  WiFi.scanNetworks(true);
}

void pickScanned() {
  int found = WiFi.scanComplete();
  if (found < 0) return;  // running, or none started
  int best = -1;
  for (int i = 0; i < found; i++) {
    String name = WiFi.SSID(i);
    if (!name.startsWith("TELLO-") && !name.startsWith("RMTT-")) continue;
    if (best < 0 || WiFi.RSSI(i) > WiFi.RSSI(best)) best = i;
  }
  String ssid = best >= 0 ? WiFi.SSID(best) : String();
  WiFi.scanDelete();
  if (ssid.length() > 0 && WiFi.status() != WL_CONNECTED) join(ssid);
}

void watchLink() {
  bool up = WiFi.status() == WL_CONNECTED;
  if (up != linkUp) {
    linkUp = up;
    Serial.print(up ? "L up\n" : "L down\n");
    if (up) {
      commandUdp.begin(LOCAL_COMMAND_PORT);
      stateUdp.begin(TELLO_STATE_PORT);
    }
  }
  if (!up) {
    pickScanned();
    if (millis() - lastJoinAttempt > JOIN_RETRY_MS) tryJoin();
  }
}

void setup() {
  Serial.begin(115200);
  WiFi.mode(WIFI_STA);
  WiFi.setAutoReconnect(true);
  sendBanner();  // a dongle that booted says so (the host sees a restart)
  tryJoin();
}

void loop() {
  readSerial();
  watchLink();
  if (linkUp) {
    int size = commandUdp.parsePacket();
    if (size > 0) forwardDatagram('R', commandUdp, size);
    size = stateUdp.parsePacket();
    if (size > 0) forwardDatagram('S', stateUdp, size);
  }
}
