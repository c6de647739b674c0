package io.memserve.engine.backend;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed set of worker threads that run the tasks of one parallel loop at a time, with the calling thread taking its
 * share. A decode step runs about a hundred short loops, so workers spin briefly between loops instead of going
 * through an executor's queue, and park only when the engine is idle.
 */
public final class WorkerPool implements AutoCloseable {

    private static final long SPIN_NANOS = 200_000;

    private final Thread[] workers;
    private volatile Loop current;
    private volatile boolean closed;

    public WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        workers = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = Thread.ofPlatform().daemon().name("memserve-engine-worker-" + i).start(this::work);
        }
    }

    public int threads() {
        return workers.length + 1;
    }

    /**
     * Runs {@code task} for every index in {@code [0, tasks)}, each exactly once, spread over the pool; returns when all
     * are done and rethrows the first failure. Not reentrant: one loop at a time.
     */
    public void parallelFor(int tasks, IntConsumer task) {
        if (closed) {
            throw new IllegalStateException("worker pool is closed");
        }
        if (tasks <= 0) {
            return;
        }
        if (tasks == 1 || workers.length == 0) {
            for (int i = 0; i < tasks; i++) {
                task.accept(i);
            }
            return;
        }
        Loop loop = new Loop(tasks, task);
        current = loop;
        for (Thread worker : workers) {
            LockSupport.unpark(worker);
        }
        loop.runTasks();
        while (loop.finished.get() < tasks) {
            Thread.onSpinWait();
        }
        Throwable failure = loop.failure.get();
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    private void work() {
        Loop seen = null;
        long idleSince = System.nanoTime();
        while (!closed) {
            Loop loop = current;
            if (loop != seen) {
                seen = loop;
                loop.runTasks();
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread worker : workers) {
            LockSupport.unpark(worker);
        }
    }

    private static final class Loop {
        final int tasks;
        final IntConsumer task;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Loop(int tasks, IntConsumer task) {
            this.tasks = tasks;
            this.task = task;
        }

        void runTasks() {
            for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
                try {
                    task.accept(i);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    finished.incrementAndGet();
                }
            }
        }
    }
}
