package org.ganeval4j.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Work started on its own daemon thread while the command goes on (a second file read beside the first,
 * a native library loading): {@link #get()} waits and rethrows what the work threw, as thrown.
 *
 * @param <T> the result
 */
final class Background<T> {
    private final FutureTask<T> task;

    private Background(Callable<T> work) {
        this.task = new FutureTask<>(work);
        Thread t = new Thread(task, "ganeval4j-background");
        t.setDaemon(true);
        t.start();
    }

    /** Starts {@code work} now. */
    static <T> Background<T> start(Callable<T> work) {
        return new Background<>(work);
    }

    /** Starts {@code work} now; failures surface in {@link #get()} (or nowhere, when nobody asks). */
    static Background<Void> start(Runnable work) {
        return new Background<>(() -> {
            work.run();
            return null;
        });
    }

    /** The result, waiting for it; the work's exception is rethrown unwrapped. */
    T get() throws Exception {
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof Exception x) {
                throw x;
            }
            if (c instanceof Error x) {
                throw x;
            }
            throw e;
        }
    }
}
