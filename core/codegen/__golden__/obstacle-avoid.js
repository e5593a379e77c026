// AI Lab Studio · robot car · JavaScript view of the blocks (read-only)

when.started(async () => {
  while (true) {
    robot.setLed("#00ff00");
    robot.setMotors(40, 40);
    await waitUntil(() => robot.distanceCm() < 20);
    robot.setLed("#ff0000");
    robot.stopMotors();
    await robot.driveCm(-10, 40);
    await robot.turnDeg(90, 40);
  }
});
