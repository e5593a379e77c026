// AI Lab Studio · robot car · JavaScript view of the blocks (read-only)

when.started(async () => {
  for (let _i = 0; _i < 4; _i++) {
    robot.setLed("#00ff00");
    await robot.driveCm(30, 50);
    robot.setLed("#ffff00");
    await robot.turnDeg(90, 50);
  }
  robot.setLed("#0000ff");
  robot.showText("Done!");
});
