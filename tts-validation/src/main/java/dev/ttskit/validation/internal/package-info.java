/**
 * The parsing and character work behind {@link dev.ttskit.validation}: bounded reads of audio headers,
 * character classes, masks and the injection screen. Not exported; nothing here is API.
 */
@NullMarked
package dev.ttskit.validation.internal;

import org.jspecify.annotations.NullMarked;
