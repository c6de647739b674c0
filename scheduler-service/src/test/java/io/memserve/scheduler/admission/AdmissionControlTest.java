package io.memserve.scheduler.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicReference;

import io.memserve.openai.OpenAiException;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

class AdmissionControlTest {

    @Test
    void beyondTheSlotsRequestsQueueAndBeyondTheQueueTheyAreRefused() {
        AdmissionControl admission = new AdmissionControl(1, 1);
        AdmissionControl.Permit first = admission.admit().block();
        AtomicReference<AdmissionControl.Permit> second = new AtomicReference<>();
        admission.admit().subscribe(second::set);
        assertNull(second.get());
        assertEquals(1, admission.waiting());

        AtomicReference<Throwable> third = new AtomicReference<>();
        admission.admit().subscribe(p -> { }, third::set);
        assertEquals(429, ((OpenAiException) third.get()).status());

        first.close();
        first.close();
        assertNotNull(second.get());
        assertEquals(1, admission.running());
        assertEquals(0, admission.waiting());
    }

    @Test
    void aWaitingClientThatLeavesGivesUpItsPlace() {
        AdmissionControl admission = new AdmissionControl(1, 2);
        AdmissionControl.Permit first = admission.admit().block();
        Disposable gone = admission.admit().subscribe();
        AtomicReference<AdmissionControl.Permit> next = new AtomicReference<>();
        admission.admit().subscribe(next::set);
        gone.dispose();
        assertEquals(1, admission.waiting());
        first.close();
        assertNotNull(next.get());
        next.get().close();
        assertEquals(0, admission.running());
    }
}
