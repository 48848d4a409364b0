package org.ganeval4j.arbiter;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.deeplearning4j.arbiter.util.LeafUtils;
import org.ganeval4j.gan.GanConfig;

/**
 * An Arbiter search space over the reference GAN's hyperparameters: a base {@link GanConfig} whose
 * architecture, latent size, layer widths, Adam learning rates and β1, and batch size may each be
 * replaced by an Arbiter {@link ParameterSpace} ({@code ContinuousParameterSpace},
 * {@code IntegerParameterSpace}, {@code DiscreteParameterSpace}, …). Everything not searched (image
 * size, seed, …) comes from the base configuration.
 *
 * <pre>{@code
 * GanSearchSpace space = GanSearchSpace.builder(GanConfig.mnistMlp(42))
 *     .learningRate(new ContinuousParameterSpace(new LogUniformDistribution(5e-5, 1e-3)))
 *     .latentDim(new DiscreteParameterSpace<>(16, 32, 64))
 *     .width(new IntegerParameterSpace(64, 256))
 *     .build();
 * }</pre>
 *
 * <p>{@link #learningRate} and {@link #width} set the generator's and the discriminator's value from
 * one draw; the separate setters search them independently. A combination that makes no valid
 * configuration becomes an invalid {@link GanCandidate} (recorded as a failed candidate), never an
 * exception during candidate generation. Values are {@code Serializable}, as Arbiter requires; the
 * space itself is not meant for Arbiter's JSON/YAML configuration files.
 */
public final class GanSearchSpace implements ParameterSpace<GanCandidate> {
    /** Hyperparameter names, as they appear in the results table. */
    public static final String ARCHITECTURE = "architecture";
    public static final String LATENT_DIM = "latentDim";
    public static final String WIDTH = "width";
    public static final String GENERATOR_WIDTH = "generatorWidth";
    public static final String DISCRIMINATOR_WIDTH = "discriminatorWidth";
    public static final String LEARNING_RATE = "learningRate";
    public static final String GENERATOR_LR = "generatorLr";
    public static final String DISCRIMINATOR_LR = "discriminatorLr";
    public static final String BETA1 = "beta1";
    public static final String BATCH_SIZE = "batchSize";

    private final GanConfig base;
    private final Map<String, ParameterSpace<?>> spaces;

    private GanSearchSpace(GanConfig base, Map<String, ParameterSpace<?>> spaces) {
        this.base = base;
        this.spaces = Collections.unmodifiableMap(new LinkedHashMap<>(spaces));
    }

    /** A builder over {@code base}, which supplies every hyperparameter that is not searched. */
    public static Builder builder(GanConfig base) {
        return new Builder(base);
    }

    /** Validating builder. */
    public static final class Builder {
        private final GanConfig base;
        private final Map<String, ParameterSpace<?>> spaces = new LinkedHashMap<>();

        private Builder(GanConfig base) {
            this.base = Objects.requireNonNull(base, "base");
        }

        private Builder put(String name, ParameterSpace<?> space) {
            Objects.requireNonNull(space, name);
            if (spaces.containsKey(name)) {
                throw new IllegalArgumentException(name + " is already searched (" + spaces.get(name) + ")");
            }
            spaces.put(name, space);
            return this;
        }

        /** Searches the architecture (MLP or DCGAN). */
        public Builder architecture(ParameterSpace<GanConfig.Architecture> space) {
            return put(ARCHITECTURE, space);
        }

        /** Searches the latent size. */
        public Builder latentDim(ParameterSpace<Integer> space) {
            return put(LATENT_DIM, space);
        }

        /** Searches one width for both networks (hidden units of the MLP, base channels of the DCGAN). */
        public Builder width(ParameterSpace<Integer> space) {
            return put(WIDTH, space);
        }

        /** Searches the generator's width. */
        public Builder generatorWidth(ParameterSpace<Integer> space) {
            return put(GENERATOR_WIDTH, space);
        }

        /** Searches the discriminator's width. */
        public Builder discriminatorWidth(ParameterSpace<Integer> space) {
            return put(DISCRIMINATOR_WIDTH, space);
        }

        /** Searches one Adam learning rate for both networks. */
        public Builder learningRate(ParameterSpace<Double> space) {
            return put(LEARNING_RATE, space);
        }

        /** Searches the generator's Adam learning rate. */
        public Builder generatorLr(ParameterSpace<Double> space) {
            return put(GENERATOR_LR, space);
        }

        /** Searches the discriminator's Adam learning rate. */
        public Builder discriminatorLr(ParameterSpace<Double> space) {
            return put(DISCRIMINATOR_LR, space);
        }

        /** Searches Adam's β1 (of both networks). */
        public Builder beta1(ParameterSpace<Double> space) {
            return put(BETA1, space);
        }

        /** Searches the batch size. */
        public Builder batchSize(ParameterSpace<Integer> space) {
            return put(BATCH_SIZE, space);
        }

        /**
         * Builds the space, refusing one that searches nothing, sets a value both jointly and
         * separately, or holds a space of a single value (Arbiter's grid search mis-indexes those: put
         * the value into the base configuration instead).
         */
        public GanSearchSpace build() {
            if (spaces.isEmpty()) {
                throw new IllegalArgumentException("the search space searches nothing: give at least one hyperparameter"
                        + " space (learningRate, latentDim, width, …)");
            }
            conflict(WIDTH, GENERATOR_WIDTH, DISCRIMINATOR_WIDTH);
            conflict(LEARNING_RATE, GENERATOR_LR, DISCRIMINATOR_LR);
            for (Map.Entry<String, ParameterSpace<?>> e : spaces.entrySet()) {
                ParameterSpace<?> s = e.getValue();
                boolean single = s instanceof FixedValue
                        || s instanceof DiscreteParameterSpace<?> d && d.numValues() < 2
                        || s instanceof IntegerParameterSpace i && i.getMin() == i.getMax();
                if (single) {
                    throw new IllegalArgumentException(e.getKey() + " is searched over a single value (" + s
                            + "): set it in the base GanConfig instead");
                }
            }
            return new GanSearchSpace(base, spaces);
        }

        private void conflict(String joint, String a, String b) {
            if (spaces.containsKey(joint) && (spaces.containsKey(a) || spaces.containsKey(b))) {
                throw new IllegalArgumentException(joint + " sets both " + a + " and " + b
                        + ": search either " + joint + " or the two separately, got " + spaces.keySet());
            }
        }
    }

    /** The configuration supplying every hyperparameter that is not searched. */
    public GanConfig base() {
        return base;
    }

    /** The searched hyperparameters' names, in order. */
    public List<String> hyperparameters() {
        return List.copyOf(spaces.keySet());
    }

    /**
     * The candidate for Arbiter's values in [0, 1] (each leaf space reads its own index, set by the
     * candidate generator).
     */
    @Override
    public GanCandidate getValue(double[] parameterValues) {
        Map<String, Serializable> values = new LinkedHashMap<>();
        for (Map.Entry<String, ParameterSpace<?>> e : spaces.entrySet()) {
            Object v = e.getValue().getValue(parameterValues);
            if (!(v instanceof Serializable s)) {
                throw new IllegalStateException(e.getKey() + " space " + e.getValue() + " gave a value that is not"
                        + " Serializable: " + v);
            }
            values.put(e.getKey(), s);
        }
        try {
            return GanCandidate.of(values, configOf(values));
        } catch (IllegalArgumentException | ClassCastException ex) {
            return GanCandidate.invalid(values, ex.getMessage());
        }
    }

    private GanConfig configOf(Map<String, Serializable> v) {
        GanConfig b = base;
        String gw = v.containsKey(WIDTH) ? WIDTH : GENERATOR_WIDTH;
        String dw = v.containsKey(WIDTH) ? WIDTH : DISCRIMINATOR_WIDTH;
        String glr = v.containsKey(LEARNING_RATE) ? LEARNING_RATE : GENERATOR_LR;
        String dlr = v.containsKey(LEARNING_RATE) ? LEARNING_RATE : DISCRIMINATOR_LR;
        return new GanConfig(
                v.containsKey(ARCHITECTURE) ? (GanConfig.Architecture) v.get(ARCHITECTURE) : b.architecture(),
                intOr(v, LATENT_DIM, b.latentDim()), b.channels(), b.height(), b.width(),
                intOr(v, gw, b.generatorWidth()), intOr(v, dw, b.discriminatorWidth()),
                doubleOr(v, glr, b.generatorLr()), doubleOr(v, dlr, b.discriminatorLr()),
                doubleOr(v, BETA1, b.beta1()), intOr(v, BATCH_SIZE, b.batchSize()), b.seed());
    }

    private static int intOr(Map<String, Serializable> v, String key, int fallback) {
        return v.containsKey(key) ? ((Number) v.get(key)).intValue() : fallback;
    }

    private static double doubleOr(Map<String, Serializable> v, String key, double fallback) {
        return v.containsKey(key) ? ((Number) v.get(key)).doubleValue() : fallback;
    }

    /** Unique leaf parameters of every searched space (a space object used twice counts once). */
    @Override
    public int numParameters() {
        return LeafUtils.countUniqueParameters(collectLeaves());
    }

    @Override
    @SuppressWarnings("rawtypes") // Arbiter's signature
    public List<ParameterSpace> collectLeaves() {
        List<ParameterSpace> leaves = new ArrayList<>();
        for (ParameterSpace<?> s : spaces.values()) {
            leaves.addAll(s.collectLeaves());
        }
        return leaves;
    }

    @Override
    @SuppressWarnings("rawtypes") // Arbiter's signature
    public Map<String, ParameterSpace> getNestedSpaces() {
        return new LinkedHashMap<>(spaces);
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException("GanSearchSpace is not a leaf: the candidate generator sets the indices"
                + " of its " + spaces.size() + " nested spaces");
    }

    @Override
    public String toString() {
        return "GanSearchSpace(" + spaces + ", base " + base + ")";
    }
}
