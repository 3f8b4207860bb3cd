package dev.ttskit.xtts.internal;

/**
 * The HiFi-GAN decoder's figures, from its metadata (spec section 5).
 *
 * @param speakerDim        speaker-embedding width
 * @param inputSampleRate   rate the codes were made for (22050)
 * @param outputSampleRate  rate of the waveform (24000)
 * @param codeStrideLen     input samples per audio code (1024)
 * @param hopLength         input samples per decoder frame before the rate change (256)
 * @param samplesPerFrame   output samples per decoder frame (256)
 */
public record DecoderSpec(int speakerDim, int inputSampleRate, int outputSampleRate, int codeStrideLen, int hopLength,
                          int samplesPerFrame) {

    public static DecoderSpec from(GraphMetadata m) {
        DecoderSpec s = new DecoderSpec(m.positive("speaker_dim"), m.positive("input_sample_rate"), m.positive("output_sample_rate"),
                m.positive("code_stride_len"), m.positive("output_hop_length"), m.positive("samples_per_frame"));
        if (s.codeStrideLen % s.hopLength != 0) {
            throw m.error("code_stride_len " + s.codeStrideLen + " is not a multiple of output_hop_length " + s.hopLength);
        }
        return s;
    }

    /** Decoder frames per latent before the rate change (4 for XTTS-v2). */
    public double framesPerLatent() {
        return (double) codeStrideLen / hopLength;
    }

    /** The rate change from the code rate to the output rate (24000 / 22050). */
    public double rateScale() {
        return (double) outputSampleRate / inputSampleRate;
    }
}
