package io.github.convai4j.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a {@link FakeAgentsPlatform} around JUnit 5 tests. Register it with
 * {@link org.junit.jupiter.api.extension.RegisterExtension @RegisterExtension}:
 *
 * <pre>{@code
 * class MyServiceTest {
 *     @RegisterExtension
 *     static final FakeAgentsPlatformExtension fake = FakeAgentsPlatformExtension.create();
 *
 *     @Test
 *     void createsAnAgent() {
 *         MyService service = new MyService(fake.baseUrl(), fake.apiKey());
 *         service.setUp();
 *         assertEquals("/v1/convai/agents/create", fake.server().lastRequest().path());
 *     }
 * }
 * }</pre>
 *
 * <p>Lifecycle: in a {@code static} field, one server runs for the whole test class (nested classes
 * included) and is {@link FakeAgentsPlatform#reset() reset} before each test, unless
 * {@link #keepStateBetweenTests()} was called. In an instance field, each test gets its own server.
 * Test methods may also declare a {@link FakeAgentsPlatform} parameter.
 *
 * <p>Needs {@code junit-jupiter-api} on the test classpath (the testkit declares it optional). One extension
 * instance serves tests that run one after another; with JUnit's parallel execution use one instance per
 * concurrently running class.
 */
public final class FakeAgentsPlatformExtension implements BeforeAllCallback, AfterAllCallback,
        BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final FakeAgentsPlatform.Builder builder;
    private final boolean resetBetweenTests;
    private FakeAgentsPlatform server;
    private int classDepth;
    private boolean perTest;

    private FakeAgentsPlatformExtension(FakeAgentsPlatform.Builder builder, boolean resetBetweenTests) {
        this.builder = builder;
        this.resetBetweenTests = resetBetweenTests;
    }

    /**
     * An extension whose server has the defaults of {@link FakeAgentsPlatform#start()}.
     *
     * @return a new extension
     */
    public static FakeAgentsPlatformExtension create() {
        return new FakeAgentsPlatformExtension(FakeAgentsPlatform.builder(), true);
    }

    /**
     * An extension whose servers are started from this builder (e.g. another {@link AuthScheme}). The
     * builder must not be changed afterwards.
     *
     * @param builder the settings
     * @return a new extension
     * @throws IllegalArgumentException if null
     */
    public static FakeAgentsPlatformExtension create(FakeAgentsPlatform.Builder builder) {
        if (builder == null) {
            throw new IllegalArgumentException("builder must not be null");
        }
        return new FakeAgentsPlatformExtension(builder, true);
    }

    /**
     * Returns an extension like this one whose class-wide server keeps its state (agents, faults, recorded
     * requests...) from one test to the next.
     *
     * @return a new extension
     */
    public FakeAgentsPlatformExtension keepStateBetweenTests() {
        return new FakeAgentsPlatformExtension(builder, false);
    }

    /**
     * Returns the running server.
     *
     * @return the server of the current test or class
     * @throws IllegalStateException outside a test, or if the extension was not registered
     */
    public synchronized FakeAgentsPlatform server() {
        if (server == null) {
            throw new IllegalStateException("the fake Agents Platform runs only while a test runs: register this "
                    + "extension with @RegisterExtension and call server() from a test or a @BeforeEach method");
        }
        return server;
    }

    /**
     * Returns the running server's base URL.
     *
     * @return see {@link FakeAgentsPlatform#baseUrl()}
     * @throws IllegalStateException outside a test
     */
    public String baseUrl() {
        return server().baseUrl();
    }

    /**
     * Returns the running server's API key.
     *
     * @return see {@link FakeAgentsPlatform#apiKey()}
     * @throws IllegalStateException outside a test
     */
    public String apiKey() {
        return server().apiKey();
    }

    /**
     * Starts the class-wide server (once, also for nested classes).
     *
     * @param context the class's context
     */
    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (classDepth++ == 0) {
            server = builder.start();
        }
    }

    /**
     * Stops the class-wide server after the outermost class.
     *
     * @param context the class's context
     */
    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (--classDepth == 0 && server != null) {
            server.close();
            server = null;
        }
    }

    /**
     * Starts a per-test server, or resets the class-wide one.
     *
     * @param context the test's context
     */
    @Override
    public synchronized void beforeEach(ExtensionContext context) {
        if (server == null) {
            server = builder.start();
            perTest = true;
        } else if (!perTest && resetBetweenTests) {
            server.reset();
        }
    }

    /**
     * Stops a per-test server.
     *
     * @param context the test's context
     */
    @Override
    public synchronized void afterEach(ExtensionContext context) {
        if (perTest && server != null) {
            server.close();
            server = null;
            perTest = false;
        }
    }

    /**
     * Supports parameters of type {@link FakeAgentsPlatform}.
     *
     * @param parameterContext the parameter
     * @param extensionContext the test's context
     * @return whether the parameter is a {@link FakeAgentsPlatform}
     */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == FakeAgentsPlatform.class;
    }

    /**
     * Resolves a {@link FakeAgentsPlatform} parameter to the running server.
     *
     * @param parameterContext the parameter
     * @param extensionContext the test's context
     * @return the running server
     */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return server();
    }

    /**
     * Describes the extension.
     *
     * @return e.g. {@code "FakeAgentsPlatformExtension[FakeAgentsPlatform[http://127.0.0.1:50123, XI_API_KEY]]"}
     */
    @Override
    public synchronized String toString() {
        return "FakeAgentsPlatformExtension[" + (server == null ? "not running" : server.toString()) + "]";
    }
}
