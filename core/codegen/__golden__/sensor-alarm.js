// AI Lab Studio · sensor kit · JavaScript view of the blocks (read-only)

when.started(async () => {
  while (true) {
    if (kit.temperatureC() > 30) {
      kit.setLed("#ff0000");
      kit.showText("Too hot!");
    } else {
      kit.setLed("#00ff00");
      kit.showText("T = " + String(kit.temperatureC()));
    }
    await wait(0.5);
  }
});
