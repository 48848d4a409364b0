package org.ganeval4j.arbiter;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.distribution.LogUniformDistribution;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.deeplearning4j.arbiter.util.LeafUtils;
import org.ganeval4j.gan.GanFactory;
import org.ganeval4j.gan.Hyperparameters;

/**
 * An Arbiter search space over any GAN's hyperparameters, each named and given by an Arbiter
 * {@link ParameterSpace} — continuous, integer or discrete — whose drawn values reach the user's
 * {@link GanFactory} by name as {@link Hyperparameters}:
 *
 * <pre>{@code
 * HyperparameterSpace space = HyperparameterSpace.builder()
 *     .logUniform("generatorLr", 5e-5, 2e-3)         // continuous, log scale
 *     .continuous("beta1", 0.3, 0.9)                  // continuous, uniform
 *     .integer("width", 32, 256)                      // integer, uniform
 *     .discrete("latentDim", 16, 32, 64)              // one of the values
 *     .build();
 * GanFactory factory = hp -> new MyGan(hp.getDouble("generatorLr"), hp.getDouble("beta1"), hp.getInt("width"),
 *         hp.getInt("latentDim"), data);
 * }</pre>
 *
 * <p>Values the factory refuses (it throws {@link IllegalArgumentException}) make a failed candidate
 * of the sweep, never an exception during candidate generation. Values are {@code Serializable}, as
 * Arbiter requires; the space itself is built in code, not from Arbiter's JSON/YAML configuration.
 * Immutable.
 */
public final class HyperparameterSpace implements ParameterSpace<Hyperparameters> {
    private final Map<String, ParameterSpace<?>> spaces;

    private HyperparameterSpace(Map<String, ParameterSpace<?>> spaces) {
        this.spaces = Collections.unmodifiableMap(new LinkedHashMap<>(spaces));
    }

    /** A builder of an empty space. */
    public static Builder builder() {
        return new Builder();
    }

    /** Validating builder. Not thread safe. */
    public static final class Builder {
        private final Map<String, ParameterSpace<?>> spaces = new LinkedHashMap<>();

        private Builder() {
        }

        /** Searches {@code name} over any Arbiter parameter space. */
        public Builder add(String name, ParameterSpace<?> space) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(space, name);
            if (name.isBlank()) {
                throw new IllegalArgumentException("a hyperparameter name must not be blank");
            }
            if (spaces.containsKey(name)) {
                throw new IllegalArgumentException(name + " is already searched (" + spaces.get(name) + ")");
            }
            spaces.put(name, space);
            return this;
        }

        /** A double drawn uniformly from [min, max]. */
        public Builder continuous(String name, double min, double max) {
            range(name, min, max);
            return add(name, new ContinuousParameterSpace(min, max));
        }

        /** A positive double drawn log-uniformly from [min, max] (learning rates). */
        public Builder logUniform(String name, double min, double max) {
            range(name, min, max);
            if (min <= 0) {
                throw new IllegalArgumentException(name + ": a log-uniform range needs min > 0, got " + min);
            }
            return add(name, new ContinuousParameterSpace(new LogUniformDistribution(min, max)));
        }

        /** An int drawn uniformly from [min, max]. */
        public Builder integer(String name, int min, int max) {
            range(name, min, max);
            return add(name, new IntegerParameterSpace(min, max));
        }

        /** One of the given values (numbers, strings, enum constants). */
        @SafeVarargs
        public final <T extends Serializable> Builder discrete(String name, T... values) {
            if (values.length == 0) {
                throw new IllegalArgumentException(name + ": a discrete space needs values");
            }
            return add(name, new DiscreteParameterSpace<>(values));
        }

        private static void range(String name, double min, double max) {
            if (!(min < max) || !Double.isFinite(min) || !Double.isFinite(max)) {
                throw new IllegalArgumentException(name + ": expected a finite range min < max, got [" + min + ", "
                        + max + "]");
            }
        }

        /**
         * Builds the space, refusing one that searches nothing or holds a space of a single value
         * (Arbiter's grid search mis-indexes those: give the value to the factory as a default instead).
         */
        public HyperparameterSpace build() {
            if (spaces.isEmpty()) {
                throw new IllegalArgumentException("the search space searches nothing: add at least one hyperparameter");
            }
            for (Map.Entry<String, ParameterSpace<?>> e : spaces.entrySet()) {
                ParameterSpace<?> s = e.getValue();
                boolean single = s instanceof FixedValue
                        || s instanceof DiscreteParameterSpace<?> d && d.numValues() < 2
                        || s instanceof IntegerParameterSpace i && i.getMin() == i.getMax();
                if (single) {
                    throw new IllegalArgumentException(e.getKey() + " is searched over a single value (" + s
                            + "): make it the factory's default instead");
                }
            }
            return new HyperparameterSpace(spaces);
        }
    }

    /** The searched hyperparameters' names, in order. */
    public List<String> hyperparameters() {
        return List.copyOf(spaces.keySet());
    }

    /** The values for Arbiter's parameters in [0, 1] (each leaf space reads its own index). */
    @Override
    public Hyperparameters getValue(double[] parameterValues) {
        Map<String, Serializable> values = new LinkedHashMap<>();
        for (Map.Entry<String, ParameterSpace<?>> e : spaces.entrySet()) {
            Object v = e.getValue().getValue(parameterValues);
            if (!(v instanceof Serializable s)) {
                throw new IllegalStateException(e.getKey() + " space " + e.getValue() + " gave a value that is not"
                        + " Serializable: " + v);
            }
            values.put(e.getKey(), s);
        }
        return new Hyperparameters(values);
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
        throw new UnsupportedOperationException("HyperparameterSpace is not a leaf: the candidate generator sets the"
                + " indices of its " + spaces.size() + " nested spaces");
    }

    @Override
    public String toString() {
        return "HyperparameterSpace(" + spaces + ")";
    }
}
