package io.memserve.scheduler.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import io.memserve.serving.api.InstanceRecord;
import io.memserve.serving.api.InstanceRole;
import org.junit.jupiter.api.Test;

class PoliciesTest {
    private static final int[] PROMPT = new int[64];
    private static final RouteRequest NO_SESSION = new RouteRequest(PROMPT, null);

    @Test
    void roundRobinTakesTurnsPerRole() {
        RoundRobinPolicy policy = new RoundRobinPolicy();
        Candidates prefills = candidates(Map.of("a", 0, "b", 0, "c", 0), Map.of());
        assertEquals(List.of("a", "b", "c", "a"), List.of(policy.pick(prefills, NO_SESSION).id(),
                policy.pick(prefills, NO_SESSION).id(), policy.pick(prefills, NO_SESSION).id(),
                policy.pick(prefills, NO_SESSION).id()));
    }

    @Test
    void leastLoadPicksTheFewestSequencesAndBreaksTiesById() {
        assertEquals("b", new LeastLoadPolicy().pick(candidates(Map.of("a", 3, "b", 1, "c", 2), Map.of()),
                NO_SESSION).id());
        assertEquals("a", new LeastLoadPolicy().pick(candidates(Map.of("a", 1, "b", 1), Map.of()),
                NO_SESSION).id());
    }

    @Test
    void sessionSticksWhileTheInstanceLivesAndFallsBackToLeastLoad() {
        SessionPolicy policy = new SessionPolicy(10);
        RouteRequest session = new RouteRequest(PROMPT, "s1");
        assertEquals("b", policy.pick(candidates(Map.of("a", 2, "b", 0), Map.of()), session).id());
        assertEquals("b", policy.pick(candidates(Map.of("a", 0, "b", 5), Map.of()), session).id());
        assertEquals("c", policy.pick(candidates(Map.of("a", 4, "c", 1), Map.of()), NO_SESSION).id());
        assertEquals("c", policy.pick(candidates(Map.of("a", 4, "c", 1), Map.of()), session).id());
    }

    @Test
    void sessionForgetsTheOldestSessionsBeyondItsCapacity() {
        SessionPolicy policy = new SessionPolicy(1);
        policy.pick(candidates(Map.of("a", 0, "b", 1), Map.of()), new RouteRequest(PROMPT, "s1"));
        policy.pick(candidates(Map.of("a", 0, "b", 1), Map.of()), new RouteRequest(PROMPT, "s2"));
        assertEquals("b", policy.pick(candidates(Map.of("a", 1, "b", 0), Map.of()),
                new RouteRequest(PROMPT, "s1")).id());
    }

    @Test
    void promptTreeWeighsTheCachedPrefixAgainstLoad() {
        // β = 0: a block another pool holds is worth nothing, only an instance's own pool counts.
        PromptTreePolicy policy = new PromptTreePolicy(0.5, 0, () -> 64);
        // a: 48 cached tokens, load 1 → 48 − 0.5·1·64 = 16; b: nothing cached, idle → 0.
        assertEquals("a", policy.pick(candidates(Map.of("a", 1, "b", 0), Map.of("a", 48)), NO_SESSION).id());
        // a with load 2 → 48 − 64 = −16 < 0: the idle instance wins.
        assertEquals("b", policy.pick(candidates(Map.of("a", 2, "b", 0), Map.of("a", 48)), NO_SESSION).id());
        // equal scores: the less loaded one.
        assertEquals("b", policy.pick(candidates(Map.of("a", 1, "b", 0), Map.of("a", 32)), NO_SESSION).id());
    }

    @Test
    void promptTreeCountsBlocksAnotherPoolHoldsAtTheRemoteHitWeight() {
        PromptTreePolicy policy = new PromptTreePolicy(0.5, 0.9, () -> 64);
        // Both idle: a reaches 48 locally, b 0.9·48 = 43.2 by pulling: locality decides.
        assertEquals("a", policy.pick(candidates(Map.of("a", 0, "b", 0), Map.of("a", 48)), NO_SESSION).id());
        // Equal load: still a (48 − 32 against 43.2 − 32).
        assertEquals("a", policy.pick(candidates(Map.of("a", 1, "b", 1), Map.of("a", 48)), NO_SESSION).id());
        // a busier by one: 48 − 32 = 16 against b's 43.2: b pulls the prefix rather than queue behind a.
        assertEquals("b", policy.pick(candidates(Map.of("a", 1, "b", 0), Map.of("a", 48)), NO_SESSION).id());
        // b holds part of it: 0.9 of the 32 tokens it lacks.
        assertEquals("b", policy.pick(candidates(Map.of("a", 1, "b", 0), Map.of("a", 48, "b", 16)), NO_SESSION)
                .id());
    }

    @Test
    void unknownPolicyNamesAreRefusedByName() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Policies.named("fastest", null, new PromptLengthAverage()));
        assertEquals(true, e.getMessage().contains("fastest"));
    }

    private static Candidates candidates(Map<String, Integer> loads, Map<String, Integer> cached) {
        List<InstanceRecord> instances = loads.keySet().stream().sorted()
                .map(id -> new InstanceRecord(id, InstanceRole.PREFILL, "http://" + id, "pool-" + id, "tiny", 2048,
                        loads.get(id), 0, 100, 0))
                .toList();
        return new Candidates(InstanceRole.PREFILL, instances, i -> i.running() + i.waiting(),
                (i, prompt) -> cached.getOrDefault(i.id(), 0));
    }
}
