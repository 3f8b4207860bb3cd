package dev.ttskit.replicate;

import static dev.ttskit.replicate.Fixtures.json;
import static dev.ttskit.replicate.Fixtures.prediction;

/** The provider contract with {@link CompletionStrategy#POLLING} and the real sleeper. */
class PollingContractTest extends ReplicateContractTestBase {
    @Override
    ReplicateProvider.Builder configure(ReplicateProvider.Builder builder) {
        return builder.completion(CompletionStrategy.POLLING);
    }

    @Override
    protected void prepareSuccess() {
        String id = nextId();
        routes.on("POST", CREATE, json(201, prediction(id, "starting", "null")));
        routes.on("GET", "/v1/predictions/" + id, succeeded(id).newBuilder().code(200).build());
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
