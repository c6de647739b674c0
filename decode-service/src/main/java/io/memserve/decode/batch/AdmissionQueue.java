package io.memserve.decode.batch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Admission to the running batch: a request enters when the batch has a free slot and every KV page it may need can
 * be reserved, so a running sequence never stalls for pages; until then it waits in FIFO order. A request that needs
 * more pages than the engine has is refused at once.
 */
public final class AdmissionQueue {

    private final BatchLimits limits;
    private final PageBudget budget;
    private final Deque<Waiter> waiting = new ArrayDeque<>();
    private int running;

    public AdmissionQueue(BatchLimits limits, PageBudget budget) {
        this.limits = limits;
        this.budget = budget;
    }

    /**
     * Pages a request reserves: enough for {@code tokens}, the most it may reach.
     *
     * @throws RequestTooLargeException when that is more than the engine has
     */
    public int pagesFor(int tokens) {
        int pages = PageBudget.pagesFor(tokens);
        if (!budget.fitsEver(pages)) {
            throw new RequestTooLargeException("the request may reach " + tokens + " tokens, which need " + pages
                    + " KV pages of 16 tokens; this instance has " + budget.capacity());
        }
        return pages;
    }

    /** Emits the admission once there is room; cancelling while waiting leaves the queue. */
    public Mono<Admission> admit(int pages) {
        return Mono.<Admission>create(sink -> {
            Waiter waiter = new Waiter(pages, System.nanoTime(), sink);
            synchronized (this) {
                waiting.addLast(waiter);
            }
            sink.onCancel(() -> {
                synchronized (this) {
                    waiting.remove(waiter);
                }
                drain();
            });
            drain();
        }).doOnDiscard(Admission.class, Admission::release);
    }

    public synchronized int running() {
        return running;
    }

    public synchronized int waiting() {
        return waiting.size();
    }

    public int freePages() {
        return budget.capacity() - budget.reserved();
    }

    void released(int pages) {
        synchronized (this) {
            budget.release(pages);
            running--;
        }
        drain();
    }

    /** Admits from the head of the queue; the admitted are told outside the lock, so they may call back in. */
    private void drain() {
        List<Runnable> admitted = new ArrayList<>();
        synchronized (this) {
            while (!waiting.isEmpty() && running < limits.maxBatch()
                    && budget.tryReserve(waiting.peekFirst().pages())) {
                Waiter next = waiting.pollFirst();
                running++;
                Admission admission = new Admission(next.pages(), System.nanoTime() - next.since(), this);
                admitted.add(() -> next.sink().success(admission));
            }
        }
        admitted.forEach(Runnable::run);
    }

    private record Waiter(int pages, long since, MonoSink<Admission> sink) {
    }
}
