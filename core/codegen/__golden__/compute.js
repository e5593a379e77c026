// AI Lab Studio · robot car · JavaScript view of the blocks (read-only)

let d = 0;
let i = 0;
let primes = 0;
let sum = 0;
let p = 0;

async function is_prime(n) {
  if (n < 2) {
    return false;
  }
  d = 2;
  while (d * d <= n) {
    if (n % d === 0) {
      return false;
    }
    d += 1;
  }
  return true;
}

when.started(async () => {
  for (let _i = 0; _i < 30; _i++) {
    primes = [];
    for (i = 2; i <= 1999; i += 1) {
      if (await is_prime(i)) {
        primes.push(i);
      }
    }
  }
  console.log("primes below 2000: " + String(primes.length));
  sum = 0;
  for (p of primes) {
    sum += p;
  }
  console.log("sum: " + String(sum));
});
