package dev.ttskit.replicate;

import java.time.Duration;

import static dev.ttskit.replicate.Fixtures.json;
import static dev.ttskit.replicate.Fixtures.prediction;
import static dev.ttskit.replicate.Fixtures.quoted;

/**
 * The provider contract with {@link CompletionStrategy#WEBHOOK}: the backend delivers the signed
 * webhook while the create request is still being answered.
 */
class WebhookContractTest extends ReplicateContractTestBase {
    @Override
    ReplicateProvider.Builder configure(ReplicateProvider.Builder builder) {
        return builder.webhookUrl("https://hooks.example.com/replicate").webhookSecret(ReplicateTestBase.SECRET)
                .webhookPatience(Duration.ofSeconds(30));
    }

    @Override
    protected void prepareSuccess() {
        String id = nextId();
        succeeded(id);
        byte[] done = utf8(prediction(id, "succeeded", quoted(base() + "/files/" + id + ".wav")));
        routes.onDynamic("POST", CREATE, req -> {
            current.get().webhookHandler().handle(CompletionStrategyTest.signed("msg_" + id, done), done);
            return json(201, prediction(id, "starting", "null"));
        });
    }

    @Override
    protected boolean prepareHang() {
        String id = nextId();
        routes.on("POST", CREATE, json(201, prediction(id, "starting", "null")));
        routes.on("GET", "/v1/predictions/" + id, json(200, prediction(id, "processing", "null")));
        routes.on("POST", "/v1/predictions/" + id + "/cancel", json(200, prediction(id, "canceled", "null")));
        return true;
    }
}
