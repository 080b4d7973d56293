package app.tickler.dataio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.platform.security.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Each import operation is whole: no state of it is seen half-written, and a race is refused, not doubled. */
@TicklerTest
class ImportConsistencyTests {

    static final String CSV = "Email,First Name\nann@roofs.example,Ann\nbob@roofs.example,Bob\n";

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ImportRunner runner;

    int status(AbstractMockHttpServletRequestBuilder<?> request, TestUser user) throws Exception {
        return mvc.perform(request.with(user.api())).andReturn().getResponse().getStatus();
    }

    JsonNode call(AbstractMockHttpServletRequestBuilder<?> request, TestUser user, int expected) throws Exception {
        MvcResult result = mvc.perform(request.with(user.api())).andReturn();
        String body = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).as(body).isEqualTo(expected);
        return body.isEmpty() ? null : json.readTree(body);
    }

    String upload(TestUser user) throws Exception {
        return call(multipart("/api/v1/imports").file(new MockMultipartFile("file", "people.csv", "text/csv",
                CSV.getBytes(StandardCharsets.UTF_8))).param("entity", "CONTACT"), user, 201).get("id").asString();
    }

    JsonNode waitFor(TestUser user, String id) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            JsonNode job = call(get("/api/v1/imports/" + id), user, 200);
            if (!List.of("QUEUED", "RUNNING", "UNDOING").contains(job.get("status").asString())
                    && !runner.isRunningHere(Long.parseLong(id))) {
                return job;
            }
            assertThat(System.currentTimeMillis()).as("the import ends within a minute").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Runs the calls at once from several threads; their HTTP statuses. */
    static List<Integer> atOnce(int threads, Callable<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.call();
                }));
            }
            ready.await();
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theUploadedFileIsRecordedWithItsChecksumInOneWrite() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        String id = upload(acme.user(Role.REP));
        String sha = jdbc.sql("SELECT file_sha256 FROM imports WHERE workspace_id = :w AND id = :id")
                .param("w", acme.id()).param("id", Long.parseLong(id)).query(String.class).single();
        assertThat(sha).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(CSV.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void savingAMappingUnderTheSameNameAtOnceReplacesItAndNeverFails() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String id = upload(rep);
        call(put("/api/v1/imports/" + id + "/settings").contentType(MediaType.APPLICATION_JSON).content("""
                {"mapping":{"0":"email","1":"firstName"},"duplicates":"SKIP","matchOn":"EMAIL"}"""), rep, 200);
        for (int round = 0; round < 5; round++) {
            List<Integer> statuses = atOnce(6, () -> status(post("/api/v1/imports/" + id + "/mapping")
                    .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Our CRM\"}"), rep));
            assertThat(statuses).as("round " + round).containsOnly(204);
        }
        JsonNode saved = call(get("/api/v1/import-mappings?entity=CONTACT"), rep, 200);
        assertThat(saved).hasSize(1);
        assertThat(saved.get(0).get("name").asString()).isEqualTo("Our CRM");
    }

    @Test
    void anImportUndoneTwiceAtOnceIsUndoneOnceAndTheOtherRequestIsRefused() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String id = upload(rep);
        call(post("/api/v1/imports/" + id + "/start"), rep, 200);
        assertThat(waitFor(rep, id).get("status").asString()).isEqualTo("DONE");

        List<Integer> statuses = atOnce(6, () -> status(post("/api/v1/imports/" + id + "/undo"), rep));
        assertThat(statuses).containsOnly(200, 409);
        assertThat(statuses.stream().filter(s -> s == 200).count()).as(statuses.toString()).isEqualTo(1);
        assertThat(waitFor(rep, id).get("status").asString()).isEqualTo("UNDONE");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM contacts WHERE workspace_id = :w").param("w", acme.id())
                .query(Long.class).single()).isZero();
    }
}
