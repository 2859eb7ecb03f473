"""mapapp.plumbing.bounded: a cache kept under its limit by emptying it."""

from __future__ import annotations

from mapapp.plumbing.bounded import BoundedCache


def test_the_cache_keeps_entries_until_it_holds_more_than_its_limit():
    cache: BoundedCache[int, str] = BoundedCache(3)
    for i in range(4):
        assert cache.keep(i, str(i)) == str(i)
    assert dict(cache) == {0: "0", 1: "1", 2: "2", 3: "3"}  # limit + 1 before the next keep
    cache.keep(4, "4")
    assert dict(cache) == {4: "4"}


def test_it_never_grows_past_its_limit_plus_one():
    cache: BoundedCache[int, int] = BoundedCache(100)
    sizes = []
    for i in range(1000):
        cache.keep(i, i)
        sizes.append(len(cache))
    assert max(sizes) == 101 and cache.get(999) == 999 and cache.get(0) is None


def test_a_value_kept_again_replaces_the_old_one():
    cache: BoundedCache[str, int] = BoundedCache(10)
    cache.keep("a", 1)
    cache.keep("a", 2)
    assert cache == {"a": 2}
