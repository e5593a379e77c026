// AI Lab Studio · robot car · JavaScript view of the blocks (read-only)

when.started(async () => {
  while (true) {
    if (robot.lineLeft()) {
      robot.setMotors(10, 50);
    } else if (robot.lineRight()) {
      robot.setMotors(50, 10);
    } else {
      robot.setMotors(40, 40);
    }
    await wait(0.01);
  }
});
