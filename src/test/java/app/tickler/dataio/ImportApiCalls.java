package app.tickler.dataio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

import app.tickler.TestUser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The import API as the import tests drive it: upload, settings, a run or an undo to its end, downloads. */
abstract class ImportApiCalls {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    ImportRunner runner;

    JsonNode call(AbstractMockHttpServletRequestBuilder<?> request, TestUser user, int expected) throws Exception {
        MvcResult result = mvc.perform(request.with(user.api())).andReturn();
        String body = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).as(body).isEqualTo(expected);
        return body.isEmpty() || !body.startsWith("{") && !body.startsWith("[") ? null : json.readTree(body);
    }

    JsonNode upload(TestUser user, String entity, String name, byte[] content, int expected) throws Exception {
        return call(multipart("/api/v1/imports").file(new MockMultipartFile("file", name, "text/csv", content))
                .param("entity", entity), user, expected);
    }

    JsonNode upload(TestUser user, String entity, String content) throws Exception {
        return upload(user, entity, "people.csv", content.getBytes(StandardCharsets.UTF_8), 201);
    }

    JsonNode settings(TestUser user, String id, String body, int expected) throws Exception {
        return call(put("/api/v1/imports/" + id + "/settings").contentType(MediaType.APPLICATION_JSON).content(body), user,
                expected);
    }

    JsonNode preview(TestUser user, String id) throws Exception {
        return call(get("/api/v1/imports/" + id + "/preview"), user, 200);
    }

    /** The preview's bad cells as "line,field", each line's problems all on its cells. */
    static java.util.Set<String> badCells(JsonNode preview) {
        java.util.Set<String> cells = new java.util.TreeSet<>();
        preview.get("lines").forEach(line -> {
            line.get("cells").forEach(cell -> {
                if (!cell.get("problem").isNull()) {
                    cells.add(line.get("line").asLong() + "," + cell.get("field").asString());
                }
            });
            org.assertj.core.api.Assertions.assertThat(line.get("problems").size()).as(line.toString()).isZero();
        });
        return cells;
    }

    /** An error file's lines as "line,field". */
    static java.util.Set<String> errorCells(String errorFile) {
        java.util.Set<String> cells = new java.util.TreeSet<>();
        errorFile.lines().skip(1).forEach(line -> cells.add(line.substring(0, line.indexOf(',', line.indexOf(',') + 1))));
        return cells;
    }

    /** Starts the import and waits for the background run to end. */
    JsonNode run(TestUser user, String id) throws Exception {
        call(post("/api/v1/imports/" + id + "/start"), user, 200);
        return waitFor(user, id);
    }

    /** Starts the undo and waits for it to end. */
    JsonNode undo(TestUser user, String id) throws Exception {
        call(post("/api/v1/imports/" + id + "/undo"), user, 200);
        return waitFor(user, id);
    }

    JsonNode waitFor(TestUser user, String id) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            JsonNode job = call(get("/api/v1/imports/" + id), user, 200);
            String status = job.get("status").asString();
            if (!List.of("QUEUED", "RUNNING", "UNDOING").contains(status) && !runner.isRunningHere(Long.parseLong(id))) {
                return job;
            }
            assertThat(System.currentTimeMillis()).as("the import ends within a minute").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** A streamed download, completed. */
    String download(String path, TestUser user) throws Exception {
        MvcResult started = mvc.perform(get(path).with(user.api())).andReturn();
        MvcResult result = started.getRequest().isAsyncStarted() ? mvc.perform(asyncDispatch(started)).andReturn() : started;
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
