package io.memserve.bench.workload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class WorkloadGeneratorTest {
    private static final WorkloadSettings DEFAULTS = WorkloadSettings.defaults();

    @ParameterizedTest
    @EnumSource(Workload.class)
    void sameSeedGivesTheSameRequests(Workload workload) {
        List<SessionScript> a = WorkloadGenerator.generate(workload, 20, 2.0, 7, DEFAULTS);
        List<SessionScript> b = WorkloadGenerator.generate(workload, 20, 2.0, 7, DEFAULTS);
        assertEquals(a.size(), b.size());
        for (int s = 0; s < a.size(); s++) {
            assertSameSession(a.get(s), b.get(s));
        }
    }

    @ParameterizedTest
    @EnumSource(Workload.class)
    void anotherSeedGivesOtherRequests(Workload workload) {
        SessionScript a = WorkloadGenerator.generate(workload, 4, 2.0, 7, DEFAULTS).getFirst();
        SessionScript b = WorkloadGenerator.generate(workload, 4, 2.0, 8, DEFAULTS).getFirst();
        assertFalse(Arrays.equals(a.firstPrompt(), b.firstPrompt()));
    }

    @ParameterizedTest
    @EnumSource(Workload.class)
    void theRateMovesArrivalsButNotContent(Workload workload) {
        List<SessionScript> slow = WorkloadGenerator.generate(workload, 10, 0.5, 3, DEFAULTS);
        List<SessionScript> fast = WorkloadGenerator.generate(workload, 10, 5.0, 3, DEFAULTS);
        for (int s = 0; s < slow.size(); s++) {
            assertArrayEquals(slow.get(s).firstPrompt(), fast.get(s).firstPrompt());
            assertEquals(slow.get(s).arrivalMs(), 10 * fast.get(s).arrivalMs(), 1e-6);
        }
        assertEquals(0, slow.getFirst().arrivalMs());
    }

    @Test
    void poissonArrivalsHaveTheRequestedMeanGap() {
        List<SessionScript> sessions = WorkloadGenerator.generate(Workload.SHARED_PREFIX, 4000, 4.0, 1, DEFAULTS);
        double meanGapMs = sessions.getLast().arrivalMs() / (sessions.size() - 1);
        assertEquals(250, meanGapMs, 250 * 0.05);
    }

    @ParameterizedTest
    @EnumSource(Workload.class)
    void everyRequestFitsTheContextAndTokensAreOrdinary(Workload workload) {
        for (SessionScript session : WorkloadGenerator.generate(workload, 50, 1.0, 11, DEFAULTS)) {
            for (int t = 0; t < session.turns().size(); t++) {
                Turn turn = session.turns().get(t);
                assertTrue(session.plannedPromptLength(t) + turn.maxTokens() <= WorkloadSettings.DEFAULT_MAX_CONTEXT);
                assertTrue(Arrays.stream(turn.userTokens())
                        .allMatch(id -> id >= RandomTokens.FIRST && id < RandomTokens.END));
                assertEquals(t == 0, turn.thinkMs() == 0);
            }
        }
    }

    @Test
    void multiTurnLengthsAreAsSpecified() {
        for (SessionScript s : WorkloadGenerator.generate(Workload.MULTI_TURN, 200, 1.0, 5, DEFAULTS)) {
            assertTrue(s.carriesHistory());
            assertEquals(0, s.base().length);
            assertTrue(s.turns().size() <= MultiTurnShape.MAX_TURNS);
            for (Turn turn : s.turns()) {
                assertWithin(MultiTurnShape.USER, 1.0, turn.userTokens().length);
                assertWithin(MultiTurnShape.ANSWER, 1.0, turn.maxTokens());
            }
        }
    }

    @Test
    void longDocSessionsAskQuestionsAboutOneDocument() {
        for (SessionScript s : WorkloadGenerator.generate(Workload.LONG_DOC, 100, 1.0, 5, DEFAULTS)) {
            assertFalse(s.carriesHistory());
            assertWithin(LongDocShape.DOCUMENT, 1.0, s.base().length);
            assertTrue(s.turns().size() >= LongDocShape.MIN_QUESTIONS && s.turns().size() <= LongDocShape.MAX_QUESTIONS);
            for (Turn turn : s.turns()) {
                assertWithin(LongDocShape.QUESTION, 1.0, turn.userTokens().length);
                assertWithin(LongDocShape.ANSWER, 1.0, turn.maxTokens());
            }
            int[] second = s.nextPrompt(1, s.firstPrompt(), new int[] {1, 2, 3});
            assertArrayEquals(s.base(), Arrays.copyOf(second, s.base().length));
            assertEquals(s.base().length + s.turns().get(1).userTokens().length, second.length);
        }
    }

    @Test
    void agentsShareOneSystemPromptAndGrowByAnswerAndObservation() {
        List<SessionScript> sessions = WorkloadGenerator.generate(Workload.AGENT, 50, 1.0, 5, DEFAULTS);
        for (SessionScript s : sessions) {
            assertSame(sessions.getFirst().base(), s.base());
            assertEquals(AgentShape.SYSTEM.min(), s.base().length);
            assertWithin(AgentShape.TASK, 1.0, s.turns().getFirst().userTokens().length);
            for (Turn step : s.turns().subList(1, s.turns().size())) {
                assertWithin(AgentShape.OBSERVATION, 1.0, step.userTokens().length);
                assertWithin(AgentShape.ACTION, 1.0, step.maxTokens());
            }
        }
        SessionScript s = sessions.getFirst();
        int[] answer = {5, 6, 7};
        int[] second = s.nextPrompt(1, s.firstPrompt(), answer);
        int[] expected = SessionScript.concat(s.firstPrompt(), answer, s.turns().get(1).userTokens());
        assertArrayEquals(expected, second);
    }

    @Test
    void sharedPrefixHasGroupsOfEightPrompts() {
        List<SessionScript> sessions = WorkloadGenerator.generate(Workload.SHARED_PREFIX, 32, 1.0, 5, DEFAULTS);
        Set<int[]> systems = new HashSet<>();
        for (SessionScript s : sessions) {
            systems.add(s.base());
            assertEquals(1, s.turns().size());
            assertSame(sessions.get(s.id() % 4).base(), s.base());
            assertEquals(SharedPrefixShape.SYSTEM.min(), s.base().length);
            assertWithin(SharedPrefixShape.QUESTION, 1.0, s.turns().getFirst().userTokens().length);
            assertEquals(32, s.turns().getFirst().maxTokens());
        }
        assertEquals(4, systems.size());
    }

    @Test
    void scaleMultipliesLengths() {
        WorkloadSettings half = new WorkloadSettings(0.5, 4096, null);
        for (SessionScript s : WorkloadGenerator.generate(Workload.SHARED_PREFIX, 8, 1.0, 5, half)) {
            assertEquals(384, s.base().length);
            assertWithin(SharedPrefixShape.QUESTION, 0.5, s.turns().getFirst().userTokens().length);
            assertEquals(16, s.turns().getFirst().maxTokens());
        }
    }

    @Test
    void aSmallContextCutsSessionsShortAndAnImpossibleOneIsRefused() {
        WorkloadSettings small = new WorkloadSettings(1.0, 700, null);
        for (SessionScript s : WorkloadGenerator.generate(Workload.AGENT, 30, 1.0, 5, small)) {
            int last = s.turns().size() - 1;
            assertTrue(s.plannedPromptLength(last) + s.turns().get(last).maxTokens() <= 700);
        }
        WorkloadSettings tooSmall = new WorkloadSettings(1.0, 600, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WorkloadGenerator.generate(Workload.SHARED_PREFIX, 1, 1.0, 5, tooSmall));
        assertTrue(e.getMessage().contains("--max-context 600"), e.getMessage());
    }

    @Test
    void unknownWorkloadNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workload.fromId("chat"));
        assertTrue(e.getMessage().contains("multi-turn, long-doc, agent, shared-prefix"), e.getMessage());
    }

    private static void assertWithin(LengthDistribution d, double scale, int length) {
        assertTrue(length >= d.scaledMin(scale) && length <= d.scaledMax(scale),
                length + " outside [" + d.scaledMin(scale) + ", " + d.scaledMax(scale) + "]");
    }

    private static void assertSameSession(SessionScript a, SessionScript b) {
        assertEquals(a.id(), b.id());
        assertEquals(a.arrivalMs(), b.arrivalMs());
        assertEquals(a.carriesHistory(), b.carriesHistory());
        assertArrayEquals(a.base(), b.base());
        assertEquals(a.turns().size(), b.turns().size());
        for (int t = 0; t < a.turns().size(); t++) {
            assertArrayEquals(a.turns().get(t).userTokens(), b.turns().get(t).userTokens());
            assertEquals(a.turns().get(t).maxTokens(), b.turns().get(t).maxTokens());
            assertEquals(a.turns().get(t).thinkMs(), b.turns().get(t).thinkMs());
        }
    }
}
