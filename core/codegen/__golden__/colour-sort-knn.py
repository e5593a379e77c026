# AI Lab Studio · robot car · Python view of the blocks (read-only)
from ailab import *

colour = 0

@when.started
def on_start():
    global colour
    ai.dataset_clear("颜色数据")
    for _ in range(5):
        ai.record([200 + random.randint(-25, 25), 40 + random.randint(-25, 25), 40 + random.randint(-25, 25)], "red", "颜色数据")
        ai.record([40 + random.randint(-25, 25), 180 + random.randint(-25, 25), 60 + random.randint(-25, 25)], "green", "颜色数据")
        ai.record([40 + random.randint(-25, 25), 60 + random.randint(-25, 25), 200 + random.randint(-25, 25)], "blue", "颜色数据")
    ai.train_knn("颜色分类器", "颜色数据", 3, 20)
    print("accuracy %: " + str(ai.accuracy("颜色分类器")))
    colour = ai.predict("颜色分类器", [190, 70, 60])
    print("prediction: " + str(colour) + ", confidence %: " + str(ai.confidence("颜色分类器", [190, 70, 60])))
    if colour == "red":
        robot.set_led("#ff0000")
        robot.turn_deg(-90, 50)
    else:
        robot.turn_deg(90, 50)
