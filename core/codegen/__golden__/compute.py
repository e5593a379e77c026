# AI Lab Studio · robot car · Python view of the blocks (read-only)
from ailab import *

d = 0
i = 0
primes = 0
sum_ = 0
p = 0

def is_prime(n):
    global d
    if n < 2:
        return False
    d = 2
    while d * d <= n:
        if n % d == 0:
            return False
        d += 1
    return True

@when.started
def on_start():
    global primes, i, sum_, p
    for _ in range(30):
        primes = []
        for i in range(2, 1999 + 1):
            if is_prime(i):
                primes.append(i)
    print("primes below 2000: " + str(len(primes)))
    sum_ = 0
    for p in primes:
        sum_ += p
    print("sum: " + str(sum_))
