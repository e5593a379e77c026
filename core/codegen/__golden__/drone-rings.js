// AI Lab Studio · drone · JavaScript view of the blocks (read-only)

when.started(async () => {
  await drone.takeoff();
  await drone.move("up", 20);
  await drone.move("forward", 240);
  await drone.rotateDeg(90);
  await drone.move("forward", 200);
  await drone.move("up", 20);
  await drone.move("forward", 200);
  await wait(1);
  console.log("height (cm): " + String(drone.heightCm()));
  await drone.land();
});
