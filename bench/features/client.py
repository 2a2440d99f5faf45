"""HTTP client side of bench/features/run (standard library only).

walk URL                 follows the next links from URL; prints "seconds features bytes pages"
bboxes URL N SIZE SEED   N random SIZE x SIZE degree boxes (limit 100) within the data's extent;
                         prints "p50_ms p95_ms p99_ms mean_returned"
"""
import json
import random
import sys
import time
import urllib.request


def fetch(url):
    with urllib.request.urlopen(url, timeout=300) as reply:
        return reply.read()


def walk(url):
    start = time.monotonic()
    features = size = pages = 0
    while url:
        body = fetch(url)
        page = json.loads(body)
        pages += 1
        size += len(body)
        features += page["numberReturned"]
        url = next((l["href"] for l in page["links"] if l["rel"] == "next"), None)
    print(f"{time.monotonic() - start:.3f} {features} {size} {pages}")


def bboxes(url, count, box, seed):
    rng = random.Random(seed)
    latencies, returned = [], 0
    for _ in range(count):
        x, y = rng.uniform(-179.5, 179.5 - box), rng.uniform(-84, 83 - box)
        start = time.monotonic()
        page = json.loads(fetch(f"{url}?limit=100&bbox={x:.4f},{y:.4f},{x + box:.4f},{y + box:.4f}"))
        latencies.append((time.monotonic() - start) * 1000)
        returned += page["numberReturned"]
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
    print(f"{pick(0.50):.1f} {pick(0.95):.1f} {pick(0.99):.1f} {returned / count:.1f}")


if __name__ == "__main__":
    if sys.argv[1] == "walk":
        walk(sys.argv[2])
    else:
        bboxes(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]))
