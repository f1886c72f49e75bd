package io.github.convai4j.conversation;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** Completes what the application waits on off the transport's I/O thread, on the client's executor. */
final class Completions {

    private Completions() {
    }

    static void run(Executor executor, Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            task.run(); // the client is closing: complete here rather than never
        }
    }
}
