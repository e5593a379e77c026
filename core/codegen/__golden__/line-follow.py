# AI Lab Studio · robot car · Python view of the blocks (read-only)
from ailab import *

@when.started
def on_start():
    while True:
        if robot.line_left():
            robot.set_motors(10, 50)
        elif robot.line_right():
            robot.set_motors(50, 10)
        else:
            robot.set_motors(40, 40)
        wait(0.01)
