// AI Lab Studio · robot car · JavaScript view of the blocks (read-only)

let colour = 0;

when.started(async () => {
  ai.datasetClear("颜色数据");
  for (let _i = 0; _i < 5; _i++) {
    ai.record([200 + randomInt(-25, 25), 40 + randomInt(-25, 25), 40 + randomInt(-25, 25)], "red", "颜色数据");
    ai.record([40 + randomInt(-25, 25), 180 + randomInt(-25, 25), 60 + randomInt(-25, 25)], "green", "颜色数据");
    ai.record([40 + randomInt(-25, 25), 60 + randomInt(-25, 25), 200 + randomInt(-25, 25)], "blue", "颜色数据");
  }
  ai.trainKnn("颜色分类器", "颜色数据", 3, 20);
  console.log("accuracy %: " + String(ai.accuracy("颜色分类器")));
  colour = ai.predict("颜色分类器", [190, 70, 60]);
  console.log("prediction: " + String(colour) + ", confidence %: " + String(ai.confidence("颜色分类器", [190, 70, 60])));
  if (colour === "red") {
    robot.setLed("#ff0000");
    await robot.turnDeg(-90, 50);
  } else {
    await robot.turnDeg(90, 50);
  }
});
