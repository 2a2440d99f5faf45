"""The tile walk of bench/tiles/run (standard library only).

http URL STEPS SEED      fetches the walk's tiles from URL/{z}/{x}/{y} one after another;
                         prints "z milliseconds bytes status" per tile
sql TABLE STEPS SEED     prints the same tiles as the router's ST_AsMVT statement, one per line
report HTTP PSQL         p50/p95/p99 and bytes over HTTP, the psql reference, the ratio; by zoom band
"""
import math
import random
import sys
import time
import urllib.request

VIEW_COLUMNS, VIEW_ROWS = 3, 2
MIN_ZOOM, MAX_ZOOM = 4, 14
# the generated polygons lie within these latitudes: the walk stays over them
SOUTH, NORTH = -60.0, 75.0
EXTENT, BUFFER = 4096, 64


def row(lat, z):
    r = math.radians(lat)
    return int((1 - math.log(math.tan(r) + 1 / math.cos(r)) / math.pi) / 2 * (1 << z))


def walk(steps, seed):
    """Tiles (z, x, y) of the views a person panning and zooming would see."""
    rng = random.Random(seed)
    z = rng.randint(MIN_ZOOM, 6)
    x, y = rng.randrange(1 << z), rng.randint(row(NORTH, z), row(SOUTH, z))
    tiles = []
    for _ in range(steps):
        n = 1 << z
        top, bottom = row(NORTH, z), row(SOUTH, z) - VIEW_ROWS + 1
        y = max(top, min(bottom, y))
        for dy in range(VIEW_ROWS):
            for dx in range(VIEW_COLUMNS):
                tiles.append((z, (x + dx) % n, y + dy))
        move = rng.random()
        if move < 0.4:  # pan by one tile
            x, y = (x + rng.choice((-1, 0, 1))) % n, y + rng.choice((-1, 0, 1))
        elif move < 0.7 and z < MAX_ZOOM:  # zoom in on the view's middle
            z, x, y = z + 1, 2 * x + 1, 2 * y
        elif z > MIN_ZOOM:  # zoom out
            z, x, y = z - 1, x // 2, y // 2
    return tiles


def lon(fraction):
    return max(-180.0, min(180.0, fraction * 360 - 180))


def lat(fraction):
    return max(-85.0511287798066, min(85.0511287798066, math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * fraction))))))


def statement(table, z, x, y):
    """The router's tile statement (store.VectorTileRepository) for a table in EPSG:4326."""
    n, m = 1 << z, BUFFER / EXTENT
    box = (lon((x - m) / n), lat((y + 1 + m) / n), lon((x + 1 + m) / n), lat((y - m) / n))
    return (f"select coalesce(st_asmvt(q, '{table}', {EXTENT}, 'geom', 'id'), ''::bytea) from (select * from (select t.id, t.\"name\", "
            f"t.\"value\", st_asmvtgeom(st_transform(t.geom, 3857), st_tileenvelope({z}, {x}, {y}), {EXTENT}, {BUFFER}, true) as geom "
            f"from {table} t where t.geom && (select st_makeenvelope({box[0]!r}, {box[1]!r}, {box[2]!r}, {box[3]!r}, 4326)) "
            f"limit 20000) r where r.geom is not null) q;")


def http(url, steps, seed):
    for z, x, y in walk(steps, seed):
        start = time.monotonic()
        with urllib.request.urlopen(f"{url}/{z}/{x}/{y}", timeout=60) as reply:
            body = reply.read()
            status = reply.status
        print(f"{z} {(time.monotonic() - start) * 1000:.2f} {len(body)} {status}")


def sql(table, steps, seed):
    for z, x, y in walk(steps, seed):
        print(statement(table, z, x, y))


def pick(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def report(http_file, psql_file):
    tiles = [line.split() for line in open(http_file)]
    reference = [float(line) for line in open(psql_file)]
    if len(reference) != len(tiles):
        sys.exit(f"psql timed {len(reference)} statements for {len(tiles)} tiles")
    bands = [("all", 4, 14), ("z4-6", 4, 6), ("z7-10", 7, 10), ("z11-14", 11, 14)]
    print(f"\n{len(tiles)} tiles; latency in ms, HTTP GET (router) against the same statement in psql (\\timing)")
    print(f"{'zooms':8} {'tiles':>6} {'p50':>8} {'p95':>8} {'p99':>8} {'psql p50':>9} {'psql p95':>9} {'ratio p50':>9} "
          f"{'ratio p95':>9} {'bytes avg':>10} {'bytes max':>10}")
    for name, low, high in bands:
        rows = [(t, r) for t, r in zip(tiles, reference) if low <= int(t[0]) <= high]
        if not rows:
            continue
        ms = [float(t[1]) for t, _ in rows]
        ref = [r for _, r in rows]
        size = [int(t[2]) for t, _ in rows]
        print(f"{name:8} {len(rows):6d} {pick(ms, .5):8.1f} {pick(ms, .95):8.1f} {pick(ms, .99):8.1f} {pick(ref, .5):9.1f} "
              f"{pick(ref, .95):9.1f} {pick(ms, .5) / pick(ref, .5):9.2f} {pick(ms, .95) / pick(ref, .95):9.2f} "
              f"{sum(size) / len(size):10.0f} {max(size):10d}")


if __name__ == "__main__":
    if sys.argv[1] == "http":
        http(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif sys.argv[1] == "sql":
        sql(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    else:
        report(sys.argv[2], sys.argv[3])
