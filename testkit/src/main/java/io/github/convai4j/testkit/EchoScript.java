package io.github.convai4j.testkit;

/** The default answer; a named class so it shows as such in stack traces and logs. */
final class EchoScript implements ConversationScript {
    static final EchoScript INSTANCE = new EchoScript();

    private EchoScript() {
    }

    @Override
    public void onUserTurn(LiveSession session, String text) {
        session.sendAgentResponse("You said: " + text);
    }

    @Override
    public String toString() {
        return "ConversationScript.echo()";
    }
}
