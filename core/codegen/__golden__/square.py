# AI Lab Studio · robot car · Python view of the blocks (read-only)
from ailab import *

@when.started
def on_start():
    for _ in range(4):
        robot.set_led("#00ff00")
        robot.drive_cm(30, 50)
        robot.set_led("#ffff00")
        robot.turn_deg(90, 50)
    robot.set_led("#0000ff")
    robot.show_text("Done!")
