// Wiring of the AI-lab sensor kit on an Arduino Uno/Nano (ATmega328P, 16 MHz). The same modules on the same pins as
// the Firmata profile `uno-sensor-kit` (firmware-bridge/firmata/profiles.ts), so one kit runs either firmware and the
// host calibrates both with the same data. The emulator's kit board (firmware-bridge/emulator/kit-board.ts) uses these
// numbers too; change them together.
#pragma once

// Analog modules (raw ADC 0..1023 goes to the host, which calibrates).
#define PIN_TEMPERATURE A0  // NTC 10k (beta 3950) to ground, 10k to 5 V
#define PIN_HUMIDITY A1     // HR202-type analog humidity module
#define PIN_LIGHT A2        // LDR module (brighter = lower voltage)
#define PIN_SOUND A3        // sound module, analog envelope output
#define PIN_KNOB A4         // 10k potentiometer

// PIR motion module: output high while it sees motion.
#define PIN_MOTION 7
// Push button to ground with the internal pull-up (pressed = LOW).
#define PIN_BUTTON 2

// RGB LED (common cathode): red and green on timer1 PWM; blue on pin 11 is on/off only, because tone() owns timer2.
#define PIN_LED_R 9
#define PIN_LED_G 10
#define PIN_LED_B 11

// Buzzer, driven by tone() (timer2).
#define PIN_BUZZER 8
