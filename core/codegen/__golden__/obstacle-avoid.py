# AI Lab Studio · robot car · Python view of the blocks (read-only)
from ailab import *

@when.started
def on_start():
    while True:
        robot.set_led("#00ff00")
        robot.set_motors(40, 40)
        wait_until(lambda: robot.distance_cm() < 20)
        robot.set_led("#ff0000")
        robot.stop_motors()
        robot.drive_cm(-10, 40)
        robot.turn_deg(90, 40)
