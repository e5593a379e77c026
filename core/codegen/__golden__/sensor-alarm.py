# AI Lab Studio · sensor kit · Python view of the blocks (read-only)
from ailab import *

@when.started
def on_start():
    while True:
        if kit.temperature_c() > 30:
            kit.set_led("#ff0000")
            kit.show_text("Too hot!")
        else:
            kit.set_led("#00ff00")
            kit.show_text("T = " + str(kit.temperature_c()))
        wait(0.5)
