/* Unit tests of the matching engine's order-id map (runtime/match/match_idmap.c): seeded random
 * insertions, erasures and searches, by every entry point the engine uses, against a plain array
 * of the live ids; after each step the map must agree with the array and pass its own check of
 * its invariant (each entry's home, Robin Hood order). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ecg/error.h"
#include "runtime/match/match_int.h"

#define MAX_LIVE 64
#define CANDIDATES (3 * MAX_LIVE)

/* The live ids and their values, unordered: obviously right, O(n) per search. */
struct reference {
    uint64_t ids[MAX_LIVE];
    uint32_t values[MAX_LIVE]; /* unique among the live entries, as the engine's references are */
    uint32_t hints[MAX_LIVE];  /* the slot each entry was put in; entries move on since */
    uint32_t n;
};

/* A sequence: the map under test, the reference, the ids it draws from and its generator. */
struct session {
    struct match_idmap map;
    struct reference ref;
    uint64_t candidates[CANDIDATES];
    uint32_t max_live;
    uint32_t next_value;
    uint64_t rng;
};

static uint64_t next_random(struct session *s)
{
    s->rng ^= s->rng << 13;
    s->rng ^= s->rng >> 7;
    s->rng ^= s->rng << 17;
    return s->rng;
}

/* The index of id in the reference, or MAX_LIVE. */
static uint32_t ref_find(const struct reference *ref, uint64_t id)
{
    for (uint32_t i = 0; i < ref->n; i++) {
        if (ref->ids[i] == id)
            return i;
    }
    return MAX_LIVE;
}

/* Ids in the shapes the engine sees: a gateway's consecutive run, ids 256 apart (the same
 * offset in each block of the hash), a few dozen values (heavy collisions in a small table),
 * and scattered 64-bit values. */
static uint64_t candidate(struct session *s, int shape, uint32_t i)
{
    switch (shape) {
    case 0:
        return 1000 + i;
    case 1:
        return 7 + (uint64_t)i * 256;
    case 2:
        return next_random(s) % 48;
    default:
        return next_random(s);
    }
}

static void session_init(struct session *s, int shape, uint32_t max_live, uint64_t seed)
{
    s->ref.n = 0;
    s->max_live = max_live;
    s->next_value = 0;
    s->rng = seed | 1;
    for (uint32_t i = 0; i < CANDIDATES; i++)
        s->candidates[i] = candidate(s, shape, i);
    assert_int_equal(match_idmap_init(&s->map, max_live), ECGRT_OK);
    assert_true(match_idmap_valid(&s->map));
}

/* Inserts id (absent) with the next value, alternately by a plain put and by a probe; either
 * way the entry lands in the slot the put returns, or where the probe ended. */
static void step_put(struct session *s, uint64_t id)
{
    uint32_t value = s->next_value++;
    struct match_probe probe;
    uint32_t landed;

    if (s->ref.n == s->max_live)
        return;
    if (next_random(s) & 1) {
        landed = match_idmap_put(&s->map, id, value);
    } else {
        match_idmap_probe(&probe, &s->map, id);
        assert_false(probe.found);
        landed = match_idmap_put_at(&s->map, &probe, id, value);
        assert_int_equal(landed, probe.slot); /* where the search ended */
    }
    assert_int_equal(s->map.slots[landed].key, id);
    assert_int_equal(s->map.slots[landed].value, value);
    s->ref.ids[s->ref.n] = id;
    s->ref.values[s->ref.n] = value;
    s->ref.hints[s->ref.n] = landed;
    s->ref.n++;
}

/* Erases id (present, at reference index r) by id, by the slot a search found, or by the slot
 * it was put in, which entries inserted or erased since may have moved it from. */
static void step_erase(struct session *s, uint64_t id, uint32_t r)
{
    uint64_t way = next_random(s) % 3;

    if (way == 0) {
        match_idmap_erase(&s->map, id);
    } else if (way == 1) {
        uint32_t slot = match_idmap_slot(&s->map, id);
        assert_int_not_equal(slot, MATCH_NIL);
        match_idmap_erase_at(&s->map, slot);
    } else {
        match_idmap_erase_hinted(&s->map, s->ref.hints[r], id, s->ref.values[r]);
    }
    s->ref.n--;
    s->ref.ids[r] = s->ref.ids[s->ref.n];
    s->ref.values[r] = s->ref.values[s->ref.n];
    s->ref.hints[r] = s->ref.hints[s->ref.n];
}

/* Every way the engine searches agrees with the reference about id. */
static void check_search(struct session *s, uint64_t id)
{
    uint32_t r = ref_find(&s->ref, id);
    uint32_t slot = match_idmap_slot(&s->map, id);
    struct match_probe probe;

    match_idmap_probe(&probe, &s->map, id);
    if (r == MAX_LIVE) {
        assert_int_equal(match_idmap_find(&s->map, id), MATCH_NIL);
        assert_int_equal(slot, MATCH_NIL);
        assert_false(probe.found);
        return;
    }
    assert_int_equal(match_idmap_find(&s->map, id), s->ref.values[r]);
    assert_int_not_equal(slot, MATCH_NIL);
    assert_int_equal(s->map.slots[slot].key, id);
    assert_true(probe.found);
    assert_int_equal(probe.slot, slot);
}

/* One random step: a candidate is inserted if absent, else erased, then searched for; and one
 * more candidate is searched for. The map's invariants hold after each step. */
static void step(struct session *s)
{
    uint64_t id = s->candidates[next_random(s) % CANDIDATES];
    uint32_t r = ref_find(&s->ref, id);

    if (r == MAX_LIVE)
        step_put(s, id);
    else
        step_erase(s, id, r);
    assert_true(match_idmap_valid(&s->map));
    check_search(s, id);
    check_search(s, s->candidates[next_random(s) % CANDIDATES]);
}

/* Sequences of every id shape, in tables from the smallest (64 slots) to one with room to
 * spare. */
static void test_match_idmap_agrees_with_reference(void **state)
{
    static const uint32_t sizes[] = { 1, 8, 20, MAX_LIVE };

    (void)state;
    for (int shape = 0; shape < 4; shape++) {
        for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
            struct session s;
            session_init(&s, shape, sizes[k], 0x9E3779B97F4A7C15u * (uint64_t)(shape * 8 + k + 1));
            for (int i = 0; i < 20000; i++)
                step(&s);
            for (uint32_t i = 0; i < CANDIDATES; i++)
                check_search(&s, s.candidates[i]);
            match_idmap_fini(&s.map);
        }
    }
}

/* Emptying the map by erasure leaves every slot empty, and it fills again. */
static void test_match_idmap_empties_and_refills(void **state)
{
    struct session s;

    (void)state;
    session_init(&s, 0, MAX_LIVE, 42);
    for (int round = 0; round < 3; round++) {
        for (uint32_t i = 0; i < MAX_LIVE; i++)
            step_put(&s, s.candidates[i]);
        assert_int_equal(s.ref.n, MAX_LIVE);
        assert_true(match_idmap_valid(&s.map));
        while (s.ref.n > 0)
            step_erase(&s, s.ref.ids[0], 0);
        assert_true(match_idmap_valid(&s.map));
        for (uint32_t i = 0; i <= s.map.mask; i++)
            assert_int_equal(s.map.slots[i].value, MATCH_NIL);
    }
    match_idmap_fini(&s.map);
}

/* A run of entries that share the last slot as home wraps around to the table's start, and
 * erasing its first entry shifts the others back across the end. */
static void test_match_idmap_wraps_around_the_end(void **state)
{
    struct session s;
    uint64_t ids[3];
    uint32_t n = 0;

    (void)state;
    session_init(&s, 0, 8, 11);
    for (uint64_t id = 1; n < 3; id++) {
        if (match_idmap_slot_of(&s.map, id) == s.map.mask)
            ids[n++] = id;
    }
    for (uint32_t i = 0; i < 3; i++)
        step_put(&s, ids[i]);
    assert_int_equal(match_idmap_slot(&s.map, ids[0]), s.map.mask);
    assert_int_equal(match_idmap_slot(&s.map, ids[1]), 0);
    assert_int_equal(match_idmap_slot(&s.map, ids[2]), 1);
    assert_true(match_idmap_valid(&s.map));
    step_erase(&s, ids[0], ref_find(&s.ref, ids[0]));
    assert_int_equal(match_idmap_slot(&s.map, ids[1]), s.map.mask);
    assert_int_equal(match_idmap_slot(&s.map, ids[2]), 0);
    assert_int_equal(s.map.slots[1].value, MATCH_NIL);
    assert_true(match_idmap_valid(&s.map));
    match_idmap_fini(&s.map);
}

/* The check is not vacuous: an entry that names the wrong home, one that sits past an entry
 * nearer its own home than it (out of Robin Hood order), or an occupancy bit that disagrees with
 * its slot, fails it. */
static void test_match_idmap_check_sees_corruption(void **state)
{
    struct session s;
    uint32_t home;
    uint32_t next;
    struct match_slot moved;

    (void)state;
    session_init(&s, 0, 8, 7);
    step_put(&s, 1000);
    step_put(&s, 1001);
    home = match_idmap_slot_of(&s.map, 1000);
    next = (home + 1) & s.map.mask;
    assert_true(match_idmap_valid(&s.map));
    s.map.slots[home].home = next;
    assert_false(match_idmap_valid(&s.map));
    s.map.slots[home].home = home;
    assert_true(match_idmap_valid(&s.map));
    match_idmap_unmark(&s.map, next);
    assert_false(match_idmap_valid(&s.map));
    match_idmap_mark(&s.map, next);
    assert_true(match_idmap_valid(&s.map));
    /* 1001 one slot too far, its bits moved with it: only the Robin Hood order is wrong */
    moved = s.map.slots[next];
    s.map.slots[(next + 1) & s.map.mask] = moved;
    match_idmap_mark(&s.map, (next + 1) & s.map.mask);
    s.map.slots[next].value = MATCH_NIL;
    match_idmap_unmark(&s.map, next);
    assert_false(match_idmap_valid(&s.map));
    match_idmap_fini(&s.map);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_match_idmap_agrees_with_reference),
        cmocka_unit_test(test_match_idmap_empties_and_refills),
        cmocka_unit_test(test_match_idmap_wraps_around_the_end),
        cmocka_unit_test(test_match_idmap_check_sees_corruption),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
