// AI Lab Studio · drone · JavaScript view of the blocks (read-only)

when.started(async () => {
  await drone.takeoff();
  await drone.move("up", 50);
  await drone.move("forward", 150);
  await drone.rotateDeg(90);
  await drone.move("forward", 100);
  await wait(1);
  console.log("height (cm): " + String(drone.heightCm()));
  await drone.land();
});
