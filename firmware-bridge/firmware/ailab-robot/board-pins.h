// Wiring of the AI-lab robot kit on an Arduino Uno/Nano (ATmega328P, 16 MHz). The emulator's virtual robot board
// (firmware-bridge/emulator/robot-board.ts) uses the same numbers; change both together.
#pragma once

// Motor driver (TB6612/L298N style): one PWM (speed) and one direction pin per wheel. Timer0 PWM (~977 Hz).
#define PIN_LEFT_PWM 5
#define PIN_LEFT_DIR 4
#define PIN_RIGHT_PWM 6
#define PIN_RIGHT_DIR 7

// HC-SR04 ultrasonic: a 10 us trigger pulse, the echo pulse width is the round trip. Echo on INT0 so the width is
// measured by an interrupt and the main loop never blocks on pulseIn().
#define PIN_US_TRIG 8
#define PIN_US_ECHO 2

// Buzzer, driven by tone() (timer2).
#define PIN_BUZZER 3

// RGB LED (common cathode): red and green on timer1 PWM; blue on pin 11 is on/off only, because tone() owns timer2.
#define PIN_LED_R 9
#define PIN_LED_G 10
#define PIN_LED_B 11

// Three reflectance line sensors (TCRT5000 style: a higher voltage over a dark line), left to right.
#define PIN_LINE_0 A0
#define PIN_LINE_1 A1
#define PIN_LINE_2 A2
#define LINE_DARK_THRESHOLD 512

// Light-dependent resistor divider: brighter = higher reading.
#define PIN_LIGHT A3

// Bumper and two buttons to ground, with the internal pull-ups (pressed = LOW).
#define PIN_BUMPER 12
#define PIN_BUTTON_A A4
#define PIN_BUTTON_B A5

// I2C add-on header: A4 = SDA, A5 = SCL (the ATmega328P's TWI pins, shared with the buttons: the add-on board replaces
// the button board). TCS34725 colour sensor at 0x29 (looking down under the robot), MPU-6050 gyro at 0x68 (AD0 low,
// mounted flat, chip side up). The firmware probes both at boot.
#define I2C_COLOUR_ADDR 0x29
#define I2C_GYRO_ADDR 0x68
