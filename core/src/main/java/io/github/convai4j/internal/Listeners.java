package io.github.convai4j.internal;

import io.github.convai4j.core.AttemptInfo;
import io.github.convai4j.core.CallInfo;
import io.github.convai4j.core.CallListener;
import io.github.convai4j.core.CallResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * Notifies a client's {@link CallListener}s, the {@link ExchangeLogger} first. A listener that throws is
 * logged and skipped: it never changes a call's outcome, and the listeners after it are still notified.
 */
final class Listeners {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeLogger.LOGGER_NAME);

    private final ExchangeLogger logger;
    private final CallListener[] user;
    private final Redactor redactor;

    Listeners(ExchangeLogger logger, List<CallListener> user, Redactor redactor) {
        this.logger = logger;
        this.user = user.toArray(new CallListener[0]);
        this.redactor = redactor;
    }

    /** Tells whether anyone listens, so that a call without listeners builds no events. */
    boolean active() {
        return user.length > 0 || logger.debugEnabled();
    }

    void callStarted(CallInfo call) {
        for (CallListener listener : user) {
            try {
                listener.callStarted(call);
            } catch (Throwable t) {
                failed(listener, "callStarted", t);
            }
        }
    }

    void attemptStarted(CallInfo call, int attempt) {
        for (CallListener listener : user) {
            try {
                listener.attemptStarted(call, attempt);
            } catch (Throwable t) {
                failed(listener, "attemptStarted", t);
            }
        }
    }

    void attemptEnded(AttemptInfo attempt) {
        logger.attemptEnded(attempt);
        for (CallListener listener : user) {
            try {
                listener.attemptEnded(attempt);
            } catch (Throwable t) {
                failed(listener, "attemptEnded", t);
            }
        }
    }

    void retryScheduled(AttemptInfo failedAttempt, String reason, Duration delay) {
        logger.retryScheduled(failedAttempt, reason, delay);
        for (CallListener listener : user) {
            try {
                listener.retryScheduled(failedAttempt, reason, delay);
            } catch (Throwable t) {
                failed(listener, "retryScheduled", t);
            }
        }
    }

    void callEnded(CallResult result) {
        logger.callEnded(result);
        for (CallListener listener : user) {
            try {
                listener.callEnded(result);
            } catch (Throwable t) {
                failed(listener, "callEnded", t);
            }
        }
    }

    private void failed(CallListener listener, String method, Throwable t) {
        if (t instanceof VirtualMachineError) {
            throw (VirtualMachineError) t; // out of memory: nothing to ignore
        }
        // The message goes through the redactor (a listener may have put anything in it), so the exception
        // itself is not logged; where it was thrown is.
        StackTraceElement[] stack = t.getStackTrace();
        LOG.warn("CallListener {}.{} threw, ignored: {}{}", listener.getClass().getName(), method,
                redactor.text(String.valueOf(t)), stack.length == 0 ? "" : " (at " + stack[0] + ")");
    }
}
