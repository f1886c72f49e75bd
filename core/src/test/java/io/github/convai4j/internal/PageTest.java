package io.github.convai4j.internal;

import io.github.convai4j.ClientOptions;
import io.github.convai4j.core.AsyncPage;
import io.github.convai4j.core.Page;
import io.github.convai4j.errors.ConvaiException;
import io.github.convai4j.errors.NotFoundException;
import io.github.convai4j.http.HttpMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Paging logic on an in-memory transport: lazy fetching, cursors, end conditions, async iteration. */
class PageTest {

    private final StubTransport transport = new StubTransport();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> new Thread(r, "test-executor"));
    private final ClientContext context = new ClientContext(ClientOptions.builder().apiKey("k").build(), transport,
            executor, scheduler);

    @AfterEach
    void tearDown() {
        transport.close();
        scheduler.shutdownNow();
        executor.shutdownNow();
    }

    /** Like a generated {@code agents().list(params)}: the caller's cursor (here none) for the first page. */
    private final Function<String, ApiRequest> listAgents = cursor -> ApiRequest.builder(HttpMethod.GET, "/v1/convai/agents")
            .operationId("get_agents_route")
            .queryParam("page_size", 2)
            .queryParam("cursor", cursor)
            .build();

    private StubTransport page(String cursor, Boolean hasMore, String... names) {
        StringBuilder agents = new StringBuilder();
        for (String name : names) {
            agents.append(agents.length() > 0 ? "," : "").append("{\"agent_id\":\"id_").append(name)
                    .append("\",\"name\":\"").append(name).append("\"}");
        }
        return transport.respond(200, "application/json", "{\"agents\":[" + agents + "],\"next_cursor\":"
                + (cursor == null ? "null" : "\"" + cursor + "\"") + ",\"has_more\":" + hasMore + "}");
    }

    private Page<TestModels.Agent, TestModels.AgentsPage> firstPage() {
        return context.executePage(listAgents, TestModels.AGENTS_PAGE, TestModels.AGENTS_PAGE_ACCESSORS, null);
    }

    @Test
    void pageExposesItemsCursorAndResponse() {
        page("c2", true, "a", "b");

        Page<TestModels.Agent, TestModels.AgentsPage> page = firstPage();

        assertThat(page.items()).extracting(TestModels.Agent::name).containsExactly("a", "b");
        assertThat(page.nextCursor()).isEqualTo("c2");
        assertThat(page.hasMore()).isTrue();
        assertThat(page.response().hasMore()).isTrue();
        assertThat(page.rawResponse().statusCode()).isEqualTo(200);
        assertThat(transport.sent().get(0).request().uri().getRawQuery()).isEqualTo("page_size=2");
    }

    @Test
    void iterateAllFetchesLazilyAndSendsEachCursor() {
        page("c2", true, "a", "b");
        page("c3", true, "c", "d");
        page(null, false, "e");

        Page<TestModels.Agent, TestModels.AgentsPage> page = firstPage();
        assertThat(transport.sent()).hasSize(1);

        List<String> seen = new ArrayList<>();
        for (TestModels.Agent agent : page.iterateAll()) {
            seen.add(agent.name());
            // The next page is fetched only once the items of this one are used up.
            int expectedFetches = seen.size() <= 2 ? 1 : seen.size() <= 4 ? 2 : 3;
            assertThat(transport.sent()).hasSize(expectedFetches);
        }

        assertThat(seen).containsExactly("a", "b", "c", "d", "e");
        assertThat(transport.sent()).extracting(s -> s.request().uri().getRawQuery())
                .containsExactly("page_size=2", "page_size=2&cursor=c2", "page_size=2&cursor=c3");
    }

    @Test
    void streamAllStopsFetchingWhenTheStreamIsShortCircuited() {
        page("c2", true, "a", "b");
        page("c3", true, "c", "d");

        String found = firstPage().streamAll().map(TestModels.Agent::name).filter("c"::equals).findFirst().orElseThrow();

        assertThat(found).isEqualTo("c");
        assertThat(transport.sent()).hasSize(2);
    }

    @Test
    void iteratePagesWalksPageByPage() {
        page("c2", true, "a");
        page(null, false, "b");

        List<Integer> sizes = new ArrayList<>();
        for (Page<TestModels.Agent, TestModels.AgentsPage> p : firstPage().iteratePages()) {
            sizes.add(p.items().size());
        }
        assertThat(sizes).containsExactly(1, 1);
    }

    @Test
    void hasMoreWithoutCursorEndsTheIteration() {
        page(null, true, "a");

        Page<TestModels.Agent, TestModels.AgentsPage> page = firstPage();

        assertThat(page.hasMore()).isFalse();
        assertThat(page.streamAll().count()).isEqualTo(1);
        assertThatThrownBy(page::nextPage).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void missingHasMoreFollowsTheCursorAndMissingListIsEmpty() {
        transport.respond(200, "application/json", "{\"next_cursor\":\"c2\"}");
        page(null, false, "z");

        Page<TestModels.Agent, TestModels.AgentsPage> page = firstPage();

        assertThat(page.items()).isEmpty();
        assertThat(page.hasMore()).isTrue();
        assertThat(page.streamAll().map(TestModels.Agent::name).collect(Collectors.toList())).containsExactly("z");
    }

    @Test
    void aCursorThatDoesNotMoveStopsInsteadOfLoopingForever() {
        page("same", true, "a");
        page("same", true, "b");

        Page<TestModels.Agent, TestModels.AgentsPage> second = firstPage().nextPage();

        assertThatThrownBy(second::nextPage).isInstanceOf(ConvaiException.class).hasMessageContaining("same page");
    }

    @Test
    void aFailingFetchIsThrownFromTheIterator() {
        page("c2", true, "a");
        transport.respond(404, "application/json", "{\"detail\":\"cursor expired\"}");

        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> firstPage().iterateAll().forEach(agent -> seen.add(agent.name())))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("cursor expired");
        assertThat(seen).containsExactly("a");
    }

    @Test
    void asyncPagesIterateAllItemsOnTheClientExecutor() throws Exception {
        page("c2", true, "a", "b");
        page(null, false, "c");
        List<String> seen = new ArrayList<>();
        List<String> threads = new ArrayList<>();

        AsyncPage<TestModels.Agent, TestModels.AgentsPage> first = context.executePageAsync(listAgents,
                TestModels.AGENTS_PAGE, TestModels.AGENTS_PAGE_ACCESSORS, null).get(5, TimeUnit.SECONDS);
        first.forEachAll(agent -> {
            seen.add(agent.name());
            threads.add(Thread.currentThread().getName());
        }).get(5, TimeUnit.SECONDS);

        assertThat(seen).containsExactly("a", "b", "c");
        assertThat(threads).allMatch(name -> name.equals("test-executor"));
        assertThat(first.hasMore()).isTrue();
        assertThat(first.nextCursor()).isEqualTo("c2");
    }

    @Test
    void asyncNextPageOfTheLastPageFails() throws Exception {
        page(null, false, "a");

        AsyncPage<TestModels.Agent, TestModels.AgentsPage> only = context.executePageAsync(listAgents,
                TestModels.AGENTS_PAGE, TestModels.AGENTS_PAGE_ACCESSORS, null).get(5, TimeUnit.SECONDS);

        assertThatThrownBy(() -> only.nextPage().join()).hasCauseInstanceOf(NoSuchElementException.class);
    }

    @Test
    void asyncForEachAllFailsWithTheFetchFailure() throws Exception {
        page("c2", true, "a");
        transport.respond(404, "application/json", "{\"detail\":\"gone\"}");

        AsyncPage<TestModels.Agent, TestModels.AgentsPage> first = context.executePageAsync(listAgents,
                TestModels.AGENTS_PAGE, TestModels.AGENTS_PAGE_ACCESSORS, null).get(5, TimeUnit.SECONDS);

        assertThatThrownBy(() -> first.forEachAll(agent -> { }).join()).hasCauseInstanceOf(NotFoundException.class);
    }
}
