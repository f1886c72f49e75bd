package io.github.convai4j.testkit;

import java.util.ArrayList;
import java.util.List;

/** The installed fault rules, and the decision of which ones apply to a request. */
final class Faults {

    /** What happens to one request: a total latency, and the rule whose action applies (or none). */
    static final class Decision {
        static final Decision NONE = new Decision(0, null);

        final long latencyMillis;
        final FaultRule action;

        Decision(long latencyMillis, FaultRule action) {
            this.latencyMillis = latencyMillis;
            this.action = action;
        }

        FaultRule.Action kind() {
            return action == null ? FaultRule.Action.NONE : action.action();
        }
    }

    private final List<InjectedFault> installed = new ArrayList<>();

    synchronized InjectedFault install(FaultRule rule) {
        if (rule.latencyMillis() == 0 && rule.action() == FaultRule.Action.NONE) {
            throw new IllegalArgumentException("this fault rule does nothing: give it a latency(...), status(...), "
                    + "tooManyRequests(...), resetConnectionMidBody() or truncateBody()");
        }
        InjectedFault fault = new InjectedFault(rule, this);
        installed.add(fault);
        return fault;
    }

    synchronized void remove(InjectedFault fault) {
        installed.remove(fault);
    }

    synchronized void clear() {
        installed.clear();
    }

    synchronized Decision decide(RecordedRequest request) {
        if (installed.isEmpty()) {
            return Decision.NONE;
        }
        long latency = 0;
        FaultRule action = null;
        for (InjectedFault fault : installed) {
            FaultRule rule = fault.rule();
            if (!fault.hasUsesLeft() || !rule.route().matches(request.method(), request.pathSegments())) {
                continue;
            }
            boolean hasAction = rule.action() != FaultRule.Action.NONE;
            if (hasAction && action != null) {
                continue; // one action per request: this rule keeps its uses for a later request
            }
            fault.use();
            latency += rule.latencyMillis();
            if (hasAction) {
                action = rule;
            }
        }
        return latency == 0 && action == null ? Decision.NONE : new Decision(latency, action);
    }
}
