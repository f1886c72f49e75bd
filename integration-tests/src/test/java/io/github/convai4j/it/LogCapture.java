package io.github.convai4j.it;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SLF4J provider for the test JVM, registered through {@code META-INF/services}: while a capture is
 * on, every logger, ours and the transports', is enabled at TRACE and every event is kept as formatted
 * text, with its exception's full stack trace and messages.
 */
public final class LogCapture implements SLF4JServiceProvider {

    /** One logged event, formatted. */
    public record Event(String logger, Level level, String text) {
        @Override
        public String toString() {
            return level + " " + logger + " - " + text;
        }
    }

    private static final List<Event> EVENTS = new CopyOnWriteArrayList<>();
    private static volatile boolean capturing;

    private final ILoggerFactory loggers = new ILoggerFactory() {
        private final ConcurrentHashMap<String, CapturingLogger> byName = new ConcurrentHashMap<>();

        @Override
        public org.slf4j.Logger getLogger(String name) {
            return byName.computeIfAbsent(name, CapturingLogger::new);
        }
    };
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    /** Starts capturing, forgetting earlier events. */
    public static void start() {
        EVENTS.clear();
        capturing = true;
    }

    /** Stops capturing and returns what was captured. */
    public static List<Event> stop() {
        capturing = false;
        return new ArrayList<>(EVENTS);
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
    }

    private static final class CapturingLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;

        CapturingLogger(String name) {
            this.name = name;
        }

        @Override
        public boolean isTraceEnabled() {
            return capturing;
        }

        @Override
        public boolean isDebugEnabled() {
            return capturing;
        }

        @Override
        public boolean isInfoEnabled() {
            return capturing;
        }

        @Override
        public boolean isWarnEnabled() {
            return capturing;
        }

        @Override
        public boolean isErrorEnabled() {
            return capturing;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                Throwable throwable) {
            if (!capturing) {
                return;
            }
            String text = MessageFormatter.basicArrayFormat(pattern, args);
            if (throwable != null) {
                StringWriter trace = new StringWriter();
                throwable.printStackTrace(new PrintWriter(trace));
                text += "\n" + trace;
            }
            EVENTS.add(new Event(name, level, text));
        }
    }
}
