/**
 * The Polly calls behind {@link dev.ttskit.polly.PollyProvider}: request mapping, speech marks, the
 * mapping of the service's errors to ttskit's, and the AWS SDK's HTTP client on ttskit's shared OkHttp
 * client. Not API.
 */
@NullMarked
package dev.ttskit.polly.internal;

import org.jspecify.annotations.NullMarked;
