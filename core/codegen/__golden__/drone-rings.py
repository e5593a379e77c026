# AI Lab Studio · drone · Python view of the blocks (read-only)
from ailab import *

@when.started
def on_start():
    drone.takeoff()
    drone.move("up", 20)
    drone.move("forward", 240)
    drone.rotate_deg(90)
    drone.move("forward", 200)
    drone.move("up", 20)
    drone.move("forward", 200)
    wait(1)
    print("height (cm): " + str(drone.height_cm()))
    drone.land()
