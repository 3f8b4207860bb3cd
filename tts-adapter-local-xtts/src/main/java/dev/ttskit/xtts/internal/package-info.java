/**
 * The on-device XTTS pipeline behind {@link dev.ttskit.xtts.XttsProvider}: the model manifest and
 * ONNX graphs, text normalisation and tokenisation, voice cloning from a reference recording, GPT
 * decoding with its key/value cache, and the vocoder that turns latents into PCM. Not API.
 */
@NullMarked
package dev.ttskit.xtts.internal;

import org.jspecify.annotations.NullMarked;
