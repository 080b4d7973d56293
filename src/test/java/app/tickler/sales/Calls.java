package app.tickler.sales;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import app.tickler.TestUser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON calls to the API as a test user, checking the status and reading the answer. */
final class Calls {

    record Answer(int status, JsonNode body, String etag) {
    }

    private final MockMvc mvc;
    private final JsonMapper json;

    Calls(MockMvc mvc, JsonMapper json) {
        this.mvc = mvc;
        this.json = json;
    }

    Answer call(TestUser user, HttpMethod method, String path, Object body) {
        try {
            var builder = request(method, path).accept(MediaType.APPLICATION_JSON);
            if (user != null) {
                builder.with(user.api());
            }
            if (body != null) {
                builder.contentType(MediaType.APPLICATION_JSON).content(body instanceof String text ? text : json.writeValueAsString(body));
            }
            MvcResult result = mvc.perform(builder).andReturn();
            String text = result.getResponse().getContentAsString();
            return new Answer(result.getResponse().getStatus(), text.isBlank() ? null : json.readTree(text),
                    result.getResponse().getHeader("ETag"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode expect(int status, TestUser user, HttpMethod method, String path, Object body) {
        Answer answer = call(user, method, path, body);
        if (answer.status() != status) {
            throw new AssertionError("expected " + status + " for " + method + " " + path + " but got " + answer.status()
                    + ": " + answer.body());
        }
        return answer.body();
    }

    JsonNode get(TestUser user, String path) {
        return expect(200, user, HttpMethod.GET, path, null);
    }

    JsonNode post(TestUser user, String path, Object body) {
        return expect(200, user, HttpMethod.POST, path, body);
    }

    JsonNode create(TestUser user, String path, Object body) {
        return expect(201, user, HttpMethod.POST, path, body);
    }

    JsonNode patch(TestUser user, String path, Object body) {
        return expect(200, user, HttpMethod.PATCH, path, body);
    }

    /** The names of the fields a 400 answer complains about. */
    static java.util.List<String> fields(JsonNode problem) {
        java.util.List<String> names = new java.util.ArrayList<>();
        problem.get("errors").forEach(e -> names.add(e.get("field").asString()));
        return names;
    }
}
