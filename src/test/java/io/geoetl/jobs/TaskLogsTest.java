package io.geoetl.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestServices;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Every line a task writes carries its job id, task id and job type; the azure profile writes them as JSON lines. */
class TaskLogsTest {

    @Test
    void aJobsIdIsOnEveryLineItsTasksWrote() {
        TestServices.get().deleteAllJobs();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        try (RunningRouter router = RunningRouter.builder()
                .property("geoetl.tasks.backoff-base", "PT0.2S")
                .jobTypes(registry -> registry.register(new Chatty()))
                .start()) {
            Api api = new Api(router.baseUrl());
            String jobId = api.submit("chatty", "{}").body().get("job_id").asText();
            assertThat(api.waitForFinal(jobId, Duration.ofSeconds(120)).get("status").asText()).isEqualTo("completed");

            // the lines the tasks wrote: the job type's own, and the worker's about them (a transient failure)
            List<ILoggingEvent> taskLines = List.copyOf(captured.list).stream()
                    .filter(e -> e.getLoggerName().equals(Chatty.class.getName())
                            || e.getLoggerName().equals(TaskWorker.class.getName()) && e.getFormattedMessage().contains(jobId))
                    .toList();
            assertThat(taskLines).hasSizeGreaterThanOrEqualTo(3 * 2 + 1); // 3 tasks x 2 lines, 1 retry warning
            for (ILoggingEvent line : taskLines) {
                assertThat(line.getMDCPropertyMap()).as(line.getFormattedMessage())
                        .containsEntry("job_id", jobId)
                        .containsEntry("job_type", "chatty")
                        .hasEntrySatisfying("task_id", taskId -> assertThat(line.getFormattedMessage()).contains(taskId));
            }
        } finally {
            root.detachAppender(captured);
        }
        assertThat(MDC.get("job_id")).as("the test thread got no task context").isNull();
    }

    @Test
    void theAzureProfileWritesJsonLinesWithTheTaskKeys() throws Exception {
        LoggerContext context = new LoggerContext();
        context.putProperty("GEOETL_PROFILE", "azure"); // as the environment variable would
        context.setMDCAdapter(MDC.getMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(TaskLogsTest.class.getResource("/logback.xml"));
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender("text")).as("the azure profile writes no text lines").isNull();
        @SuppressWarnings("unchecked")
        ConsoleAppender<ILoggingEvent> json = (ConsoleAppender<ILoggingEvent>) root.getAppender("json");

        LoggingEvent event;
        try (TaskLogContext ignored = TaskLogContext.open("a".repeat(64), "a".repeat(64) + "-s1-t0", "ingest_vector")) {
            event = new LoggingEvent(Logger.class.getName(), context.getLogger("io.geoetl.Example"), Level.INFO, "loaded {} rows",
                    null, new Object[] {42});
            event.getMDCPropertyMap(); // taken from this thread now, as an appender does
        }
        context.stop();

        String text = new String(json.getEncoder().encode(event), StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n").doesNotContain("\n\n");
        assertThat(text.strip()).doesNotContain("\n"); // one object per line
        JsonNode line = Json.parse(text);
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("formattedMessage").asText()).isEqualTo("loaded 42 rows");
        assertThat(line.get("mdc").get("job_id").asText()).isEqualTo("a".repeat(64));
        assertThat(line.get("mdc").get("task_id").asText()).endsWith("-s1-t0");
        assertThat(line.get("mdc").get("job_type").asText()).isEqualTo("ingest_vector");
    }

    /** Three tasks that each write two lines; the first attempt of task 0 fails once (the worker logs the retry). */
    static final class Chatty implements JobType {
        private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(Chatty.class);

        @Override
        public String name() {
            return "chatty";
        }

        @Override
        public String description() {
            return "Test job type that writes log lines.";
        }

        @Override
        public ParameterSchema parameters() {
            return new ParameterSchema();
        }

        @Override
        public List<String> stageNames() {
            return List.of("talk");
        }

        @Override
        public List<TaskSpec> planStage(int stage, JsonNode parameters, StageResults previous) {
            return IntStream.range(0, 3).mapToObj(i -> new TaskSpec("talk", Json.object())).toList();
        }

        @Override
        public JsonNode runTask(TaskContext context) {
            LOG.info("task {} starts attempt {}", context.taskId(), context.attempt());
            if (context.taskIndex() == 0 && context.attempt() == 1) throw new IllegalStateException("not yet");
            LOG.info("task {} done", context.taskId());
            return Json.object();
        }

        @Override
        public JsonNode finish(JsonNode parameters, StageResults lastStage) {
            return Json.object();
        }
    }
}
