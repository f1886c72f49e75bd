package io.github.convai4j.testkit;

/**
 * A {@link FaultRule} installed on a running {@link FakeAgentsPlatform}, to see how often it fired and to
 * remove it. Thread-safe.
 */
public final class InjectedFault {

    private final FaultRule rule;
    private final Faults owner;
    private int remaining;
    private int triggered;

    InjectedFault(FaultRule rule, Faults owner) {
        this.rule = rule;
        this.owner = owner;
        this.remaining = rule.times();
    }

    /**
     * Returns the rule as installed.
     *
     * @return the rule
     */
    public FaultRule rule() {
        return rule;
    }

    /**
     * Returns how many requests this rule has applied to so far.
     *
     * @return zero or more
     */
    public int triggered() {
        synchronized (owner) {
            return triggered;
        }
    }

    /**
     * Returns how many more requests this rule will apply to.
     *
     * @return zero or more, or {@link FaultRule#UNLIMITED}
     */
    public int remaining() {
        synchronized (owner) {
            return remaining;
        }
    }

    /** Uninstalls the rule; requests already being delayed or faulted by it are not affected. */
    public void remove() {
        owner.remove(this);
    }

    /** Called under the owner's lock. */
    boolean hasUsesLeft() {
        return remaining == FaultRule.UNLIMITED || remaining > 0;
    }

    /** Called under the owner's lock. */
    void use() {
        triggered++;
        if (remaining != FaultRule.UNLIMITED) {
            remaining--;
        }
    }

    /**
     * Describes the rule and its use.
     *
     * @return e.g. {@code "InjectedFault[FaultRule[...], triggered 1]"}
     */
    @Override
    public String toString() {
        return "InjectedFault[" + rule + ", triggered " + triggered() + "]";
    }
}
